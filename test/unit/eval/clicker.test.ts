import { describe, expect, it } from 'vitest';
import { nextClick } from '../../../main/services/eval/clicker.js';
import type { GroundTruth } from '../../../main/services/eval/groundTruth.js';
import { clicksToReach, iouAfter, iouWithIgnore } from '../../../main/services/eval/metrics.js';
import { rectangle } from './masksOnDisk.js';

function truth(width: number, height: number, object: Uint8Array, ignore: Uint8Array = new Uint8Array(width * height)): GroundTruth {
  return { width, height, object, ignore };
}

describe('nextClick (RITM clicker)', () => {
  it('clicks first at the object pixel farthest from its boundary', () => {
    // 9×5 object in a 20×10 image: only the middle row is 3 px from the boundary; first such pixel in raster order.
    const gt = truth(20, 10, rectangle(20, 10, 5, 2, 14, 7));
    expect(nextClick(gt, null)).toEqual({ x: 7, y: 4, positive: true });
  });

  it('counts the image border as boundary', () => {
    // Object filling the left 6 columns and all rows: were the border not a boundary, column 0 would be deepest.
    // With it, depth 3 is the best (x = 2 or 3, 2 <= y <= 6), and (2, 2) comes first in raster order.
    const gt = truth(12, 9, rectangle(12, 9, 0, 0, 6, 9));
    expect(nextClick(gt, null)).toEqual({ x: 2, y: 2, positive: true });
  });

  it('clicks negative in a false positive deeper than any false negative', () => {
    // The object is found but a 13×8 false positive sits beside it, missing only one object pixel: click negative,
    // in the false positive's middle row, first deepest column.
    const gt = truth(30, 10, rectangle(30, 10, 2, 2, 6, 6));
    const spill = rectangle(30, 10, 12, 1, 25, 9);
    const prediction = Uint8Array.from(gt.object, (v, i) => (v | spill[i]) & (i === 2 * 30 + 2 ? 0 : 1));
    expect(nextClick(gt, prediction)).toEqual({ x: 15, y: 4, positive: false });
  });

  it('never clicks in ignored pixels and returns null when nothing is wrong', () => {
    const ignore = rectangle(20, 10, 0, 0, 20, 10);
    const gt = truth(20, 10, rectangle(20, 10, 5, 2, 14, 7), ignore);
    expect(nextClick(gt, null)).toBeNull();
    const plain = truth(20, 10, rectangle(20, 10, 5, 2, 14, 7));
    expect(nextClick(plain, plain.object)).toBeNull();
  });
});

describe('metrics', () => {
  it('leaves ignored pixels out of intersection and union', () => {
    const object = Uint8Array.from([1, 1, 0, 0]);
    const ignore = Uint8Array.from([0, 0, 0, 1]);
    expect(iouWithIgnore(truth(4, 1, object, ignore), Uint8Array.from([1, 0, 0, 1]))).toBeCloseTo(1 / 2);
    expect(iouWithIgnore(truth(4, 1, object), Uint8Array.from([1, 0, 0, 1]))).toBeCloseTo(1 / 3);
  });

  it('NoC is the first click reaching the threshold, or the click budget', () => {
    expect(clicksToReach([0.5, 0.86, 0.95], 0.85, 20)).toBe(2);
    expect(clicksToReach([0.5, 0.86, 0.95], 0.9, 20)).toBe(3);
    expect(clicksToReach([0.5, 0.6], 0.9, 20)).toBe(20);
  });

  it('IoU after k clicks keeps the last value of a run that stopped', () => {
    expect(iouAfter([0.3, 0.95], 5)).toBe(0.95);
    expect(iouAfter([0.3, 0.95, 0.97], 1)).toBe(0.3);
  });
});
