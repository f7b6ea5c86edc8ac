import { describe, expect, it } from 'vitest';
import { isSamlabelError, SamlabelError } from '../../../shared/errors.js';
import { CandidateStore, lowResStability } from '../../../main/services/app/candidates.js';
import { LazyEngine } from '../../../main/services/app/lazyEngine.js';
import type { EngineClient } from '../../../main/inference/engineClient.js';

describe('lowResStability', () => {
  it('scores only the part of the low-res frame that covers the image, not the padding', () => {
    // A 100×50 image fills the top half of the padded square frame: low-res rows 0-1 of 4.
    const inside = [5, 5, 5, 5, 5, 5, 5, 5];
    const padding = [-0.5, -0.5, -0.5, -0.5, -0.5, -0.5, -0.5, -0.5]; // in the -1 threshold's union, not the +1's
    const logits = new Float32Array([...inside, ...padding]);
    expect(lowResStability(logits, 4, 1, { width: 100, height: 50 })).toEqual([1]);
    // The same logits on a square image: every row is image, the padding-like rows count.
    expect(lowResStability(logits, 4, 1, { width: 50, height: 50 })).toEqual([0.5]);
  });

  it('scores each candidate from its own plane', () => {
    const a = new Array(16).fill(5);
    const b = [...new Array(8).fill(5), ...new Array(8).fill(0.5)];
    expect(lowResStability(new Float32Array([...a, ...b]), 4, 2, { width: 64, height: 64 })).toEqual([1, 0.5]);
  });
});

describe('CandidateStore', () => {
  it('hands back a candidate’s own logits by id, for its image only', () => {
    const store = new CandidateStore();
    const ids = store.add(7, new Float32Array([1, 1, 1, 1, 2, 2, 2, 2]), 2, [0.9, 0.8]);
    expect([...store.get(ids[1], 7).logits]).toEqual([2, 2, 2, 2]);
    expect(store.get(ids[0], 7).iouPrediction).toBeCloseTo(0.9);
    expect(() => store.get(ids[0], 8)).toThrow(SamlabelError);
    expect(() => store.get('made-up', 7)).toThrow(/predict again/);
  });

  it('forgets the oldest beyond its cap', () => {
    const store = new CandidateStore();
    const first = store.add(1, new Float32Array(3), 1, [0.1, 0.2, 0.3]);
    for (let i = 0; i < 20; i++) store.add(1, new Float32Array(3), 1, [0.1, 0.2, 0.3]);
    store.trim();
    expect(() => store.get(first[0], 1)).toThrow(SamlabelError);
  });
});

describe('LazyEngine', () => {
  it('reads starting, then fails typed with the reason as a warning when the engine cannot start', async () => {
    let fail!: (err: Error) => void;
    const lazy = new LazyEngine(new Promise<EngineClient>((_resolve, reject) => (fail = reject)));
    const states: string[] = [];
    lazy.on('state', (s: string) => states.push(s));
    expect(lazy.state).toBe('starting');
    const call = lazy.setImage('/x.jpg').catch((e: unknown) => e);
    fail(new Error('model file missing'));
    expect(isSamlabelError(await call, 'EngineCrashed')).toBe(true);
    expect(lazy.state).toBe('failed');
    expect(lazy.warnings[0]).toMatch(/model file missing/);
    expect(states).toEqual(['failed']);
  });
});
