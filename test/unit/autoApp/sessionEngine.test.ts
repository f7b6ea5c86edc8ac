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
    predictPointBatch: async () => {
      log.push(`batch on ${held}`);
      return { candidates: [], decoderRuns: 1, timingsMs: { decode: 0, filter: 0 } };
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
});
