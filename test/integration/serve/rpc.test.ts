import sharp from 'sharp';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { channels, type Channel } from '../../../shared/ipc/contract.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { decodeRle } from '../../../shared/masks/rle.js';
import { encodeWire } from '../../../shared/ipc/wire.js';
import { expandWindow, unpackCellMask } from '../../../shared/sam/lowResCells.js';
import { binarizeRegion } from '../../../shared/sam/postprocess.js';
import { centroid } from '../../helpers/images.js';
import { fixtures, malformed } from '../../unit/ipc/fixtures.js';
import { startFixture, utf8, wsClient, type ServeFixture } from './harness.js';

let fx: ServeFixture;
let client: SamlabelClient;
beforeAll(async () => {
  fx = await startFixture();
  client = wsClient(fx.handle);
}, 60_000);
afterAll(() => fx?.close());

/** One raw frame to /rpc; resolves with the raw reply frame (to see whether it is binary). */
function rawCall(frame: string | Uint8Array): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${fx.handle.port}/rpc`, {
      headers: { Cookie: `samlabel_token_${fx.handle.port}=${fx.handle.token}`, Origin: fx.handle.origin },
    });
    ws.on('open', () => ws.send(frame));
    ws.on('message', (data: Buffer, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text.includes('"event"')) return; // events may arrive first
      ws.close();
      resolve({ data, isBinary });
    });
    ws.on('error', reject);
  });
}

const imageId = async (fileName: string): Promise<string> => {
  const { images } = await client.project.listImages({ offset: 0, limit: 10 });
  return images.find((i) => i.fileName === fileName)!.imageId;
};

describe('samlabel serve: RPC', () => {
  it.each(channels)('%s: malformed payloads come back as typed BadInput errors', async (channel: Channel) => {
    for (const request of [...fixtures[channel].invalid, ...malformed(channel)]) {
      if (typeof request === 'function') continue; // not expressible on the wire
      const { data } = await rawCall(JSON.stringify({ id: 7, channel, request }));
      expect(JSON.parse(data.toString()), JSON.stringify(request)).toMatchObject({ id: 7, result: { ok: false, error: { code: 'BadInput' } } });
    }
  });

  it('answers a frame that is not an RPC message with BadInput instead of dropping the socket', async () => {
    for (const frame of ['{', '[]', JSON.stringify({ id: 'x', channel: 'app:version' }), JSON.stringify({ id: 1, channel: 'fs:readFile', request: '/etc/passwd' })]) {
      const { data } = await rawCall(frame);
      expect(JSON.parse(data.toString()).result.error.code, frame).toBe('BadInput');
    }
  });

  it('knows the served project and lists its images with same-origin URLs', async () => {
    const { project } = await client.project.current();
    expect(project?.folder).toBe(fx.folder);
    const { total, images } = await client.project.listImages({ offset: 0, limit: 10 });
    expect(total).toBe(2);
    const rotated = images.find((i) => i.fileName === 'b.jpg')!;
    expect([rotated.width, rotated.height]).toEqual([40, 60]);
    expect(rotated.url).toMatch(/^\/image\/\d+\?v=[0-9a-f]{16}$/);
  });

  it('refuses to open any folder but the served one', async () => {
    const error = await client.project.open({ path: '/' }).catch((e: unknown) => e);
    expect(isSamlabelError(error, 'BadInput')).toBe(true);
  });

  it('serves an EXIF-rotated image upright at the engine’s size (transcoded to PNG)', async () => {
    const id = await imageId('b.jpg');
    const info = await client.image.info({ imageId: id });
    const res = await fetch(`${fx.handle.origin}${info.url}`, { headers: { Cookie: `samlabel_token_${fx.handle.port}=${fx.handle.token}` } });
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    const engine = await client.engine.setImage({ imageId: id });
    expect([meta.width, meta.height]).toEqual([engine.width, engine.height]);
    expect([meta.width, meta.height]).toEqual([40, 60]);
  });

  it('predict answers in one binary frame smaller than a single low-res plane: cell bits and the deciding window only', async () => {
    const id = await imageId('a.jpg');
    await client.engine.setImage({ imageId: id });
    const request = { imageId: id, pointCoords: [{ x: 20, y: 14 }], pointLabels: [1], multimaskOutput: true };
    const { data, isBinary } = await rawCall(JSON.stringify({ id: 3, channel: 'engine:predict', request }));
    expect(isBinary).toBe(true);
    const headerLength = data.readUInt32LE(0);
    expect(headerLength).toBeLessThan(2000);
    expect(data.length).toBeLessThan(256 * 256 * 4);
  });

  it('the shown candidate draws at the click; another candidate’s logits come by id and agree with its cell bits', async () => {
    const id = await imageId('a.jpg');
    const size = await client.engine.setImage({ imageId: id });
    const answer = await client.engine.predict({ imageId: id, pointCoords: [{ x: 20, y: 14 }], pointLabels: [1], multimaskOutput: true });
    expect(answer.shown).toBe(answer.iouPredictions.indexOf(Math.max(...answer.iouPredictions)));
    const side = answer.lowResSize;
    const shown = binarizeRegion(expandWindow(answer.shownLogits, side), side, size, undefined, { stabilityScoreOffset: 0 }).mask;
    const c = centroid(shown.data, shown.width);
    expect(Math.abs(c.x - 20)).toBeLessThan(1.5);
    expect(Math.abs(c.y - 14)).toBeLessThan(1.5);
    const again = await client.engine.candidateLogits({ imageId: id, maskInputId: answer.maskInputIds[answer.shown] });
    expect(again).toEqual(answer.shownLogits);
    const other = (answer.shown + 1) % answer.maskInputIds.length;
    const windowed = await client.engine.candidateLogits({ imageId: id, maskInputId: answer.maskInputIds[other] });
    const cells = unpackCellMask(answer.cellMasks, answer.grid, other);
    const plane = expandWindow(windowed, side);
    for (let r = 0; r < answer.grid.rows; r++) for (let col = 0; col < answer.grid.cols; col++) expect(plane[r * side + col] > 0 ? 1 : 0).toBe(cells[r * answer.grid.cols + col]);
    const refined = await client.engine.predict({
      imageId: id,
      pointCoords: [{ x: 20, y: 14 }, { x: 40, y: 40 }],
      pointLabels: [1, 0],
      maskInputId: answer.maskInputIds[other],
      prefer: other,
      multimaskOutput: true,
    });
    expect(refined.shown).toBe(other);
  });

  it('click → 3 candidates → refine → accept stores the mask at the clicked place; undo and redo', async () => {
    const id = await imageId('a.jpg');
    await client.engine.setImage({ imageId: id });
    const first = await client.engine.predict({ imageId: id, pointCoords: [{ x: 20, y: 14 }], pointLabels: [1], multimaskOutput: true });
    expect(first.shownLogits.values).toBeInstanceOf(Float32Array);
    expect(first.maskInputIds).toHaveLength(3);
    expect(first.stabilityScores).toHaveLength(3);
    first.stabilityScores.forEach((s) => expect(s).toBeGreaterThan(0));
    const refined = await client.engine.predict({
      imageId: id,
      pointCoords: [{ x: 20, y: 14 }, { x: 40, y: 40 }],
      pointLabels: [1, 0],
      maskInputId: first.maskInputIds[1],
      multimaskOutput: true,
    });
    const label = await client.labels.add({ name: `thing-${Date.now()}` });
    const accepted = await client.annotations.accept({
      imageId: id,
      maskInputId: refined.maskInputIds[2],
      labelId: label.labelId,
      prompts: { pointCoords: [{ x: 20, y: 14 }, { x: 40, y: 40 }], pointLabels: [1, 0] },
    });
    const mask = decodeRle(accepted.rle);
    const c = centroid(mask.data, mask.width);
    expect(Math.abs(c.x - 20)).toBeLessThan(1.5);
    expect(Math.abs(c.y - 14)).toBeLessThan(1.5);
    expect(accepted.area).toBe(c.area);
    expect(accepted.score).toBeCloseTo(refined.iouPredictions[2], 5);
    expect((await client.annotations.list({ imageId: id })).annotations.map((a) => a.annotationId)).toContain(accepted.annotationId);
    const undone = await client.history.undo({ scope: { imageId: id } });
    expect(undone.imageIds).toContain(id);
    expect((await client.annotations.list({ imageId: id })).annotations).toHaveLength(0);
    await client.history.redo({ scope: { imageId: id } });
    expect((await client.annotations.list({ imageId: id })).annotations).toHaveLength(1);
  });

  it('refuses a click outside the image and a stale candidate with typed errors', async () => {
    const id = await imageId('a.jpg');
    await client.engine.setImage({ imageId: id });
    const outside = await client.engine.predict({ imageId: id, pointCoords: [{ x: 65, y: 1 }], pointLabels: [1], multimaskOutput: true }).catch((e: unknown) => e);
    expect(isSamlabelError(outside, 'BadInput')).toBe(true);
    const stale = await client.engine
      .predict({ imageId: id, pointCoords: [{ x: 5, y: 5 }], pointLabels: [1], maskInputId: 'not-a-candidate', multimaskOutput: true })
      .catch((e: unknown) => e);
    expect(isSamlabelError(stale, 'BadInput')).toBe(true);
    const other = await imageId('b.jpg');
    const wrongImage = await client.engine.predict({ imageId: other, pointCoords: [{ x: 5, y: 5 }], pointLabels: [1], multimaskOutput: true }).catch((e: unknown) => e);
    expect(isSamlabelError(wrongImage, 'NoImageSet')).toBe(true);
  });

  it('precomputes the queued images in the background (the current one skipped) and reports progress', async () => {
    const current = await imageId('a.jpg');
    const next = await imageId('b.jpg');
    await client.engine.setImage({ imageId: current });
    const finished = new Promise<AppEvent>((resolve) =>
      client.onEvent((event) => {
        if (event.type === 'precompute' && event.imageId === next) resolve(event);
      }),
    );
    const queued = await client.engine.precompute({ imageIds: [current, next] });
    expect(queued.queued + queued.done + (queued.current === null ? 0 : 1)).toBe(1);
    expect(await finished).toMatchObject({ status: { done: 1, failed: 0, queued: 0 } });
    // The editor's image is still the engine's: a click right after lands on it.
    const predicted = await client.engine.predict({ imageId: current, pointCoords: [{ x: 20, y: 14 }], pointLabels: [1], multimaskOutput: false });
    expect(predicted.maskInputIds).toHaveLength(1);
    const opened = await client.engine.setImage({ imageId: next });
    expect(opened.cache).toBe('hit');
  });

  it('exports in a worker and reports it as events on the same socket', async () => {
    const events: AppEvent[] = [];
    const done = new Promise<AppEvent>((resolve) =>
      client.onEvent((event) => {
        events.push(event);
        if (event.type === 'export' && event.phase !== 'started' && event.phase !== 'progress') resolve(event);
      }),
    );
    const { exportId, outDir } = await client.export.start({ format: 'coco', cocoSeg: 'rle' });
    const end = await done;
    expect(end).toMatchObject({ type: 'export', exportId, outDir, phase: 'done' });
    const progress = events.filter((e) => e.type === 'export' && e.phase === 'progress');
    expect(progress.at(-1)).toMatchObject({ exportId, images: expect.any(Number) as number });
    expect(outDir.startsWith(fx.folder)).toBe(true);
  });

  it('sends typed arrays inside requests as binary too (wire symmetry)', () => {
    const frame = encodeWire({ id: 1, channel: 'app:version', request: { x: new Uint8Array([1]) } }, utf8);
    expect(frame).toBeInstanceOf(Uint8Array);
  });
});
