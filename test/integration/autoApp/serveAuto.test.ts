/**
 * The auto:* channels over a real `samlabel serve` socket, with a real engine process running a
 * generated decoder whose masks are known (as test/integration/auto/generator.test.ts): for a click at
 * p on an image of max side M, discs of radius 0.05 M, 0.15 M and 1.0 M with predicted IoUs 0.95, 0.9
 * and 0.89. On the 200×100 image with points_per_side 2 and stability_score_thresh 0.8: the whole
 * image once (box NMS) and the four 30 px discs, one per grid point.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { decodeRle } from '../../../shared/masks/rle.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { centroid, writeTestImage } from '../../helpers/images.js';
import { discDecoder } from '../../helpers/tinyModels.js';
import { startAutoServe, type AutoEvent, type AutoServe } from './autoServe.js';

const W = 200;
const H = 100;
const GRID = [
  [50, 25],
  [150, 25],
  [50, 75],
  [150, 75],
];

let serve: AutoServe | undefined;
let client: SamlabelClient;
let events: AutoEvent[];
let ids: Record<string, string>;

beforeAll(async () => {
  const root = tempDir('serve-auto');
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  const folder = join(root, 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'wide.jpg'), W, H, { orientation: 6 });
  await writeTestImage(join(folder, 'small.jpg'), 60, 40);
  const decoder = join(root, 'disc_amg.onnx');
  writeFileSync(decoder, discDecoder([0.05, 0.05, 0.15, 1.0], [0.5, 0.95, 0.9, 0.89]));
  serve = await startAutoServe(root, folder, tinyModels().encoder, decoder);
  ({ client, events, ids } = serve);
}, 60_000);

afterAll(async () => {
  await serve?.close();
});

const ended = (jobId: string): Promise<AutoEvent> => serve!.ended(jobId);

async function labelId(name: string): Promise<string> {
  const { labels } = await client.labels.list();
  return labels.find((l) => l.name === name)?.labelId ?? (await client.labels.add({ name })).labelId;
}

describe('auto:* over the serve socket', () => {
  let jobId: string;

  it('auto:start generates the known records, reports progress, and auto:results lists them largest first', async () => {
    ({ jobId } = await client.auto.start({ imageId: ids['wide.jpg'], params: { pointsPerSide: 2, stabilityScoreThresh: 0.8, pointsPerBatch: 2 } }));
    expect(await ended(jobId)).toMatchObject({ phase: 'done', kind: 'image', records: 5, pointsDone: 4, pointsTotal: 4 });
    const progress = events.filter((e) => e.jobId === jobId && e.phase === 'progress').map((e) => e.pointsDone);
    expect(progress).toEqual([0, 2, 4]);
    const res = await client.auto.results({ jobId });
    expect([res.width, res.height]).toEqual([W, H]);
    expect(res.records.map((r) => r.area)).toEqual([...res.records.map((r) => r.area)].sort((a, b) => b - a));
    expect(res.records[0]).toMatchObject({ area: W * H, bbox: [0, 0, W, H], stability_score: 1 });
    const discs = res.records.slice(1);
    expect(discs.map((r) => r.point_coords[0]).sort()).toEqual([...GRID].sort());
    for (const r of res.records) {
      // The RLE is the mask: its decoded area and box are the record's, and a disc is centred on its point.
      const mask = decodeRle(r.segmentation);
      const c = centroid(mask.data, mask.width);
      expect(c.area).toBe(r.area);
      if (r.area < W * H) expect(Math.abs(c.x - r.point_coords[0][0])).toBeLessThan(1.5);
    }
    expect(res.stats).toMatchObject({ pointsTotal: 4, pointsSkipped: 0, decoderRuns: 4 });
  });

  it('auto:accept keeps the chosen records as auto annotations in one undo step; accepted ids cannot be accepted again', async () => {
    const { records } = await client.auto.results({ jobId });
    const cat = await labelId('cat');
    const chosen = [records[0], records[2]];
    const { annotations } = await client.auto.accept({ jobId, recordIds: chosen.map((r) => r.recordId), labelId: cat });
    expect(annotations.map((a) => [a.source, a.labelId, a.area, a.bbox])).toEqual(chosen.map((r) => ['auto', cat, r.area, r.bbox]));
    const listed = await client.annotations.list({ imageId: ids['wide.jpg'] });
    expect(listed.annotations.map((a) => a.rle.counts).sort()).toEqual(chosen.map((r) => r.segmentation.counts).sort());
    const again = await client.auto.accept({ jobId, recordIds: [records[0].recordId], labelId: cat }).catch((e: unknown) => e);
    expect(isSamlabelError(again, 'BadInput')).toBe(true);
    const step = await client.history.undo({ scope: { imageId: ids['wide.jpg'] } });
    expect(step.description).toBe('accept 2 automatic masks');
    expect((await client.annotations.list({ imageId: ids['wide.jpg'] })).annotations).toEqual([]);
  });

  it('refuses unknown jobs, records and labels with typed errors', async () => {
    const codes = await Promise.all([
      client.auto.results({ jobId: 'nope' }).catch((e: { code: string }) => e.code),
      client.auto.accept({ jobId, recordIds: ['nope'], labelId: await labelId('cat') }).catch((e: { code: string }) => e.code),
      client.auto.accept({ jobId, recordIds: [(await client.auto.results({ jobId })).records[1].recordId], labelId: '999' }).catch((e: { code: string }) => e.code),
      client.auto.start({ imageId: '999' }).catch((e: { code: string }) => e.code),
      client.auto.startBatch({ imageIds: [ids['wide.jpg']], labelId: '999' }).catch((e: { code: string }) => e.code),
    ]);
    expect(codes).toEqual(['BadInput', 'BadInput', 'LabelNotFound', 'ImageNotFound', 'LabelNotFound']);
  });

  it('auto:cancel stops a running job: a cancelled event, no results', async () => {
    const { jobId: slow } = await client.auto.start({ imageId: ids['wide.jpg'], params: { pointsPerSide: 24, pointsPerBatch: 1 } });
    expect(await client.auto.cancel({ jobId: slow })).toEqual({ cancelled: true });
    expect(await ended(slow)).toMatchObject({ phase: 'cancelled' });
    expect(await client.auto.cancel({ jobId: slow })).toEqual({ cancelled: false });
    await expect(client.auto.results({ jobId: slow })).rejects.toMatchObject({ code: 'BadInput' });
  });

  it('auto:startBatch adds every image’s masks with the label, and a second run skips images already done', async () => {
    const dog = await labelId('dog');
    const all = [ids['wide.jpg'], ids['small.jpg']];
    const { jobId: batch } = await client.auto.startBatch({ imageIds: all, labelId: dog, params: { pointsPerSide: 2, stabilityScoreThresh: 0.8 } });
    const end = await ended(batch);
    expect(end).toMatchObject({ phase: 'done', kind: 'batch', imagesDone: 2, imagesTotal: 2 });
    const lists = await Promise.all(all.map((imageId) => client.annotations.list({ imageId })));
    const added = lists.flatMap((l) => l.annotations);
    expect(added.length).toBe(end.records);
    expect(lists[0].annotations).toHaveLength(5);
    expect(added.every((a) => a.source === 'auto' && a.labelId === dog)).toBe(true);
    const { jobId: again } = await client.auto.startBatch({ imageIds: all, labelId: dog, params: { pointsPerSide: 2 } });
    expect(await ended(again)).toMatchObject({ phase: 'done', records: 0, imagesDone: 2 });
  });
});
