/**
 * Automatic masks and the editor share one engine process through the session's lane: whoever runs
 * after the other sets its own image again first. The engine here is a recorder (the thing under test
 * is the lane bookkeeping in EngineSession.background + sessionAmgEngine, not the engine).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EngineSession, type EngineLike } from '../../../main/services/app/engineSession.js';
import { sessionAmgEngine } from '../../../main/services/autoApp/sessionEngine.js';
import type { StoreClient } from '../../../main/services/store/storeClient.js';

function recordingEngine(): { engine: EngineLike; log: string[] } {
  const log: string[] = [];
  let held = '';
  const emitter = new EventEmitter();
  const engine = Object.assign(emitter, {
    state: 'ready' as const,
    warnings: [],
    info: { modelId: 'm', lowResSize: 4, provider: 'cpu' },
    setImage: async (image: string | Uint8Array) => {
      held = typeof image === 'string' ? image : `bytes:${image.length}`;
      log.push(`set ${held}`);
      return { width: 8, height: 8, cache: 'hit' as const, timingsMs: { encode: 0, total: 0 } };
    },
    predict: async () => {
      log.push(`predict on ${held}`);
      return { indices: [0], iouPredictions: [0.9], lowResLogits: new Float32Array(16), lowResSize: 4, timingsMs: { decode: 0 } };
    },
    predictPointBatch: async (r: { points: [number, number][] }) => {
      log.push(`batch on ${held}`);
      // One candidate per point, carrying its point so the test can check the index bookkeeping.
      const candidates = r.points.map((p, pointIndex) => ({ pointIndex, predictedIou: p[0], stabilityScore: 1, boxXyxy: [0, 0, 0, 0], rle: { size: [8, 8], counts: [64] } }));
      return { candidates, decoderRuns: r.points.length, timingsMs: { decode: 1, filter: 0 } };
    },
    useCacheDir: async () => undefined,
  });
  return { engine: engine as unknown as EngineLike, log };
}

const store = {
  call: async (_method: string, id: number) => ({ status: 'new', folder: '/p', relPath: `${id}.jpg`, width: 8, height: 8 }),
} as unknown as StoreClient;

describe('automatic masks on the engine lane', () => {
  it('a click between two AMG batches makes each side set its own image again', async () => {
    const { engine, log } = recordingEngine();
    const session = new EngineSession(engine, store, () => undefined);
    const amg = sessionAmgEngine(session);
    await session.setImage(1);
    await amg.setImage('/p/2.jpg');
    await amg.predictPointBatch({ points: [[1, 1]], predIouThresh: 0, stabilityScoreThresh: 0, stabilityScoreOffset: 1 });
    await session.predict({ imageId: 1, pointCoords: [{ x: 1, y: 1 }], pointLabels: [1], multimaskOutput: false });
    await amg.predictPointBatch({ points: [[1, 1]], predIouThresh: 0, stabilityScoreThresh: 0, stabilityScoreOffset: 1 });
    await amg.predictPointBatch({ points: [[1, 1]], predIouThresh: 0, stabilityScoreThresh: 0, stabilityScoreOffset: 1 });
    expect(log).toEqual([
      'set /p/1.jpg',
      'set /p/2.jpg',
      'batch on /p/2.jpg',
      'set /p/1.jpg',
      'predict on /p/1.jpg',
      'set /p/2.jpg',
      'batch on /p/2.jpg',
      'batch on /p/2.jpg',
    ]);
  });

  it('a crop set as bytes is set again as bytes', async () => {
    const { engine, log } = recordingEngine();
    const session = new EngineSession(engine, store, () => undefined);
    const amg = sessionAmgEngine(session);
    await amg.setImage(new Uint8Array(5));
    await session.setImage(3);
    await amg.predictPointBatch({ points: [[0, 0]], predIouThresh: 0, stabilityScoreThresh: 0, stabilityScoreOffset: 1 });
    expect(log).toEqual(['set bytes:5', 'set /p/3.jpg', 'set bytes:5', 'batch on bytes:5']);
  });

  it('splits a batch into lane turns, so a click waits for a few points; candidates keep their index in the whole batch', async () => {
    const { engine, log } = recordingEngine();
    const session = new EngineSession(engine, store, () => undefined);
    const amg = sessionAmgEngine(session, 2);
    await session.setImage(1);
    await amg.setImage('/p/2.jpg');
    const points: [number, number][] = [0, 1, 2, 3, 4].map((i) => [i, i]);
    const batch = amg.predictPointBatch({ points, predIouThresh: 0, stabilityScoreThresh: 0, stabilityScoreOffset: 1 });
    const click = session.predict({ imageId: 1, pointCoords: [{ x: 1, y: 1 }], pointLabels: [1], multimaskOutput: false });
    const [out] = await Promise.all([batch, click]);
    expect(out.candidates.map((c) => [c.pointIndex, c.predictedIou])).toEqual(points.map((p, i) => [i, p[0]]));
    expect(out.decoderRuns).toBe(5);
    // The click got the engine after the first turn of 2 points, not after all 5.
    expect(log.slice(2)).toEqual(['batch on /p/2.jpg', 'set /p/1.jpg', 'predict on /p/1.jpg', 'set /p/2.jpg', 'batch on /p/2.jpg', 'batch on /p/2.jpg']);
  });
});
