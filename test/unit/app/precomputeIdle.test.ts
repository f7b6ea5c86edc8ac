/**
 * The background precompute and the editor share one engine that cannot interrupt an encode: the
 * loop starts an encode only once the editor has been quiet for precomputeIdleMs. The engine is a
 * recorder of what ran in which order (the thing under test is EngineSession's scheduling).
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { EngineSession, type EngineLike } from '../../../main/services/app/engineSession.js';
import type { StoreClient } from '../../../main/services/store/storeClient.js';

function recordingEngine(log: string[]): EngineLike {
  let held = '';
  const engine = Object.assign(new EventEmitter(), {
    state: 'ready' as const,
    warnings: [],
    info: { modelId: 'm', lowResSize: 4, provider: 'cpu' },
    setImage: async (image: string | Uint8Array) => {
      held = String(image);
      log.push(`set ${held}`);
      return { width: 8, height: 8, cache: 'miss' as const, timingsMs: { encode: 0, total: 0 } };
    },
    predict: async () => {
      log.push(`predict on ${held}`);
      return { indices: [0], iouPredictions: [0.9], lowResLogits: new Float32Array(16), lowResSize: 4, timingsMs: { decode: 0 } };
    },
    predictPointBatch: async () => ({ candidates: [], decoderRuns: 0, timingsMs: { decode: 0, filter: 0 } }),
    useCacheDir: async () => undefined,
  });
  return engine as unknown as EngineLike;
}

const store = {
  call: async (_method: string, id: number) => ({ status: 'new', folder: '/p', relPath: `${id}.jpg`, width: 8, height: 8 }),
} as unknown as StoreClient;

const click = { imageId: 1, pointCoords: [{ x: 1, y: 1 }], pointLabels: [1 as const], multimaskOutput: false };
const sessions: EngineSession[] = [];

function session(idleMs: number, log: string[], events: AppEvent[] = []): EngineSession {
  const s = new EngineSession(recordingEngine(log), store, (e) => events.push(e), { precomputeIdleMs: idleMs });
  sessions.push(s);
  return s;
}

afterEach(() => sessions.splice(0).forEach((s) => s.reset()));

describe('background precompute waits for a quiet editor', () => {
  it('right after an editor call no encode starts, so the next clicks go straight to the decoder', async () => {
    const log: string[] = [];
    const s = session(60_000, log);
    await s.setImage(1);
    s.precompute([2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await s.predict(click);
    await s.predict(click);
    expect(log).toEqual(['set /p/1.jpg', 'predict on /p/1.jpg', 'predict on /p/1.jpg']);
    expect(s.precomputeStatus()).toMatchObject({ queued: 2, done: 0 });
  });

  it('once the editor is quiet the queue is encoded in order, and the next click puts its image back', async () => {
    const log: string[] = [];
    const events: AppEvent[] = [];
    const s = session(20, log, events);
    await s.setImage(1);
    s.precompute([2, 3]);
    for (let i = 0; i < 100 && s.precomputeStatus().done < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await s.predict(click);
    expect(log).toEqual(['set /p/1.jpg', 'set /p/2.jpg', 'set /p/3.jpg', 'set /p/1.jpg', 'predict on /p/1.jpg']);
    expect(events.filter((e) => e.type === 'precompute' && 'imageId' in e && e.imageId !== undefined)).toHaveLength(2);
  });
});
