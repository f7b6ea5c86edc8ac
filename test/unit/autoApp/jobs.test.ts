/**
 * AutoJobs' guard on the project: image ids belong to the project open when a job started, so after
 * another project is opened an accept is refused and a batch writes nothing. The store is a small
 * in-memory stand-in (its calls are what the guard must or must not reach); the engine returns one
 * known mask per point.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EngineSession, type EngineLike } from '../../../main/services/app/engineSession.js';
import { AutoJobs } from '../../../main/services/autoApp/jobs.js';
import type { StoreClient } from '../../../main/services/store/storeClient.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { encodeRle } from '../../../shared/masks/rle.js';

/** An 8×8 image; every point yields the 2×2 block at (2, 2). */
function engine(): EngineLike {
  const data = new Uint8Array(64);
  for (const i of [18, 19, 26, 27]) data[i] = 1;
  const rle = encodeRle({ data, width: 8, height: 8 });
  return Object.assign(new EventEmitter(), {
    state: 'ready' as const,
    warnings: [],
    info: { modelId: 'm', lowResSize: 4, provider: 'cpu' },
    setImage: async () => ({ width: 8, height: 8, cache: 'hit' as const, timingsMs: { encode: 0, total: 0 } }),
    predict: async () => {
      throw new Error('not used');
    },
    predictPointBatch: async (r: { points: unknown[] }) => ({
      candidates: r.points.map((_, pointIndex) => ({ pointIndex, predictedIou: 0.95, stabilityScore: 0.97, boxXyxy: [2, 2, 3, 3], rle })),
      decoderRuns: r.points.length,
      timingsMs: { decode: 0, filter: 0 },
    }),
    useCacheDir: async () => undefined,
  }) as unknown as EngineLike;
}

function world() {
  const writes: string[] = [];
  const state = { folder: '/p1' };
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    currentFolder: () => state.folder,
    locateImage: (id) => ({ status: 'new', folder: state.folder, relPath: `${id}.jpg`, width: 8, height: 8 }),
    listLabels: () => [{ labelId: '1' }],
    hasAutoMasks: () => false,
    acceptAutoMasks: (imageId) => (writes.push(`accept ${imageId}`), []),
    addReviewAutoMasks: (imageId) => (writes.push(`review ${imageId}`), 1),
  };
  const store = { call: async (method: string, ...args: unknown[]) => handlers[method](...args) } as unknown as StoreClient;
  const events: AppEvent[] = [];
  const jobs = new AutoJobs(new EngineSession(engine(), store, () => undefined), store, (e) => events.push(e));
  const ended = async (jobId: string) => {
    for (let i = 0; i < 200; i++) {
      const end = events.find((e) => e.type === 'auto' && e.jobId === jobId && e.phase !== 'progress');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no end');
  };
  return { jobs, writes, state, ended };
}

describe('AutoJobs and the open project', () => {
  it('accepts into the project the job ran on, and refuses once another project is open', async () => {
    const w = world();
    const jobId = await w.jobs.start(1, { pointsPerSide: 1 });
    expect(await w.ended(jobId)).toMatchObject({ phase: 'done', records: 1 });
    const [record] = w.jobs.results(jobId).records;
    expect(record).toMatchObject({ area: 4, bbox: [2, 2, 2, 2], predicted_iou: 0.95 });
    w.state.folder = '/p2';
    await expect(w.jobs.accept(jobId, [record.recordId], 1)).rejects.toMatchObject({ code: 'ProjectNotFound' });
    w.state.folder = '/p1';
    await w.jobs.accept(jobId, [record.recordId], 1);
    expect(w.writes).toEqual(['accept 1']);
  });

  it('a batch stops writing when another project is opened', async () => {
    const w = world();
    const jobId = await w.jobs.startBatch([1, 2, 3], null, { pointsPerSide: 1 });
    w.state.folder = '/p2';
    expect(await w.ended(jobId)).toMatchObject({ phase: 'failed', error: { code: 'ProjectNotFound' } });
    expect(w.writes).toEqual([]);
  });
});
