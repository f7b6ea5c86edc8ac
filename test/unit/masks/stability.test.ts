import { describe, expect, it } from 'vitest';
import { calculateStabilityScore, stabilityRatio } from '../../../shared/masks/stability.js';

describe('calculateStabilityScore (amg.calculate_stability_score)', () => {
  it('is count(> thr + offset) / count(> thr - offset), worked by hand', () => {
    // thr 0, offset 1: > 1 -> {2, 3} = 2 pixels; > -1 -> {-0.5, 0.5, 1, 2, 3} = 5 pixels (1 is not > 1).
    const logits = Float32Array.from([-3, -1, -0.5, 0.5, 1, 2, 3]);
    expect(calculateStabilityScore(logits, 0, 1)).toBe(2 / 5);
    // thr 0.5, offset 0.25: > 0.75 -> {1, 2, 3}; > 0.25 -> {0.5, 1, 2, 3}.
    expect(calculateStabilityScore(logits, 0.5, 0.25)).toBe(3 / 4);
    // Comparisons are strict: -1 sits on thr - offset and is not counted.
    expect(calculateStabilityScore(Float32Array.from([-1, 1]), 0, 1)).toBe(0);
  });

  it('is 1 for a mask far from the threshold and 0 (not NaN) when nothing exceeds thr - offset', () => {
    expect(calculateStabilityScore(Float32Array.from([-9, 9, 9]), 0, 1)).toBe(1);
    expect(calculateStabilityScore(Float32Array.from([-9, -5]), 0, 1)).toBe(0);
    expect(calculateStabilityScore(new Float32Array(0), 0, 1)).toBe(0);
    expect(stabilityRatio(0, 0)).toBe(0);
    expect(stabilityRatio(3, 4)).toBe(0.75);
  });

  it('matches a brute-force count on random logits', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const logits = Float32Array.from({ length: 5000 }, () => rand() * 8 - 4);
    const hi = logits.filter((v) => v > 1.5).length;
    const lo = logits.filter((v) => v > -0.5).length;
    expect(calculateStabilityScore(logits, 0.5, 1)).toBe(hi / lo);
    // Plain arrays work too (ArrayLike).
    expect(calculateStabilityScore(Array.from(logits), 0.5, 1)).toBe(hi / lo);
  });
});
