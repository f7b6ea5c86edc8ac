import { describe, expect, it } from 'vitest';
import { applyDuplicateStrategy } from '../../../shared/masks/amg/duplicates.js';
import type { ImageMask } from '../../../shared/masks/amg/maskData.js';
import { rleToBoxXyxy } from '../../../shared/masks/amg/maskBox.js';
import { decodeRle, encodeRle } from '../../../shared/masks/rle.js';
import { mask, rows } from './masks.js';

function m(shape: string[], predictedIou: number, point: [number, number]): ImageMask {
  const rle = encodeRle(mask(shape));
  return { rle, boxXyxy: rleToBoxXyxy(rle), predictedIou, stabilityScore: predictedIou, pointCoords: [point], cropBox: [0, 0, 6, 4] };
}

// An object (whole, 12 px), its part (4 px, inside whole), a near-copy of whole (10 px), and a separate thing (2 px).
const whole = m(['####..', '####..', '####..', '......'], 0.9, [1, 1]);
const part = m(['##....', '##....', '......', '......'], 0.95, [0, 0]);
const near = m(['###...', '###...', '####..', '......'], 0.91, [2, 2]);
const other = m(['......', '......', '......', '....##'], 0.8, [5, 3]);
const all = [part, other, near, whole];

describe('duplicate strategies', () => {
  it('keep_all keeps everything, sorted by area, largest first', () => {
    expect(applyDuplicateStrategy(all, 'keep_all', 0.8)).toEqual([whole, near, part, other]);
  });

  it('keep_largest drops masks mostly inside a larger kept one', () => {
    // near: 10/10 inside whole; part: 4/4 inside whole; other: 0.
    expect(applyDuplicateStrategy(all, 'keep_largest', 0.8)).toEqual([whole, other]);
  });

  it('keep_smallest drops masks that mostly contain a smaller kept one', () => {
    // part and other kept first; near contains all of part (4/4) and goes; so does whole.
    expect(applyDuplicateStrategy(all, 'keep_smallest', 0.8)).toEqual([part, other]);
  });

  it('merge unites masks whose IoU is above the threshold', () => {
    // IoU(whole, near) = 10/12 = 0.833; IoU(whole, part) = 4/12; IoU(near, part) = 4/10.
    const merged = applyDuplicateStrategy(all, 'merge', 0.8);
    expect(merged).toHaveLength(3);
    expect(rows(decodeRle(merged[0].rle))).toEqual(['####..', '####..', '####..', '......']);
    expect(merged[0].pointCoords).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(merged[0].predictedIou).toBe(0.91);
    expect(merged.slice(1)).toEqual([part, other]);
    // At 0.85 nothing merges.
    expect(applyDuplicateStrategy(all, 'merge', 0.85)).toEqual([whole, near, part, other]);
  });
});
