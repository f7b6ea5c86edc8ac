/**
 * runBoxesImport with an in-memory store and an engine whose mask is the prompt box's top-left pixel
 * block: which images are written, with which labels, and where it stops (cancel, another project).
 */
import { describe, expect, it } from 'vitest';
import type { EngineSession } from '../../../main/services/app/engineSession.js';
import { runBoxesImport } from '../../../main/services/autoApp/boxesImport.js';
import type { BatchTask } from '../../../main/services/autoApp/jobs.js';
import type { BoxMaskIn } from '../../../main/services/autoApp/storeOps.js';
import type { Detection, DetectionSource } from '../../../main/services/boxes/detections.js';
import type { StoreClient } from '../../../main/services/store/storeClient.js';
import { isSamlabelError, SamlabelError } from '../../../shared/errors.js';

const W = 16;
const mask = () => ({ data: new Uint8Array(W * W).fill(1), width: W, height: W });

const session = {
  background: async (_owner: string, fn: (engine: unknown, held: boolean) => Promise<unknown>) =>
    fn(
      {
        setImage: async () => ({ width: W, height: W }),
        predict: async () => ({ iouPredictions: [0.9], masks: { masks: [mask()], areas: [W * W], stabilityScores: [0.95] } }),
      },
      true,
    ),
} as unknown as Pick<EngineSession, 'background'>;

function world(images: string[], existing: string[] = []) {
  const writes: Array<{ imageId: number; masks: BoxMaskIn[] }> = [];
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    currentFolder: () => '/p',
    listImages: (_f, offset) => ({ total: images.length, images: offset === 0 ? images.map((relPath, i) => ({ id: i + 1, relPath, status: 'new' })) : [] }),
    hasAutoMasks: (id) => existing.includes(images[(id as number) - 1]),
    addReviewBoxMasks: (imageId, masks) => (writes.push({ imageId: imageId as number, masks: masks as BoxMaskIn[] }), (masks as unknown[]).length),
  };
  const store = { call: async (method: string, ...args: unknown[]) => handlers[method](...args) } as unknown as StoreClient;
  return { store, writes };
}

const det = (label: string): Detection => ({ label, score: 0.5, box: () => [2, 3, 10, 12] });
const source = (byName: Record<string, Detection[]>): DetectionSource => ({ forImage: async (rel) => byName[rel] });

function task(onProgress: () => void = () => undefined, sameProject: () => Promise<void> = async () => undefined): BatchTask & { controller: AbortController } {
  const controller = new AbortController();
  return { controller, signal: controller.signal, progress: onProgress, sameProject };
}

describe('runBoxesImport', () => {
  it('writes every image with detections (not the others, not those with automatic masks); bare class ids take the fallback', async () => {
    const w = world(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'], ['d.jpg']);
    const src = source({ 'a.jpg': [det('car'), det('2')], 'c.jpg': [det('7')], 'd.jpg': [det('car')] });
    const done = await runBoxesImport(session, w.store, { source: src, mode: 'single', labelFallback: 'thing' }, task());
    expect(done).toEqual({ imagesDone: 4, imagesTotal: 4, records: 3, changed: ['1', '3'] });
    expect(w.writes.map((x) => [x.imageId, x.masks.map((m) => m.label)])).toEqual([
      [1, ['car', 'thing']],
      [3, ['thing']],
    ]);
    expect(w.writes[0].masks[0]).toMatchObject({ box: [2, 3, 10, 12], score: 0.5, stability: 0.95 });
  });

  it('keeps class ids as names without a fallback', async () => {
    const w = world(['a.jpg']);
    await runBoxesImport(session, w.store, { source: source({ 'a.jpg': [det('2')] }), mode: 'best-of-3' }, task());
    expect(w.writes[0].masks.map((m) => m.label)).toEqual(['2']);
  });

  it('stops between images when cancelled, and when another project was opened', async () => {
    const w = world(['a.jpg', 'b.jpg', 'c.jpg']);
    const src = source({ 'a.jpg': [det('car')], 'b.jpg': [det('car')], 'c.jpg': [det('car')] });
    const t = task(() => t.controller.abort());
    const cancelled = await runBoxesImport(session, w.store, { source: src, mode: 'single' }, t).catch((e: unknown) => e);
    expect(isSamlabelError(cancelled, 'EngineCancelled')).toBe(true);
    expect(w.writes.map((x) => x.imageId)).toEqual([1]);

    const other = world(['a.jpg', 'b.jpg']);
    const moved = task(undefined, async () => {
      throw new SamlabelError('ProjectNotFound', 'another project');
    });
    const refused = await runBoxesImport(session, other.store, { source: src, mode: 'single' }, moved).catch((e: unknown) => e);
    expect(isSamlabelError(refused, 'ProjectNotFound')).toBe(true);
    expect(other.writes).toEqual([]);
  });
});
