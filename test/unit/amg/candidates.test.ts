import { describe, expect, it } from 'vitest';
import { filterCandidates } from '../../../shared/masks/amg/candidates.js';
import { decodeRle } from '../../../shared/masks/rle.js';

const S = 256;
const plane = (f: (row: number, col: number) => number): Float32Array => Float32Array.from({ length: S * S }, (_, i) => f(Math.floor(i / S), i % S));
/** +5 in the low-res top-left quadrant, -5 elsewhere: for a square image, exactly its top-left quarter (see below). */
const quadrant = plane((r, c) => (r < 128 && c < 128 ? 5 : -5));
const constant = (v: number) => plane(() => v);

function outputs(planes: Float32Array[], iou: number[]) {
  const lowResLogits = new Float32Array(planes.length * S * S);
  planes.forEach((p, k) => lowResLogits.set(p, k * S * S));
  return { iouPredictions: iou, lowResLogits, lowResSize: S };
}

const image = { height: 64, width: 64 };
const sam = { predIouThresh: 0.88, stabilityScoreThresh: 0.95, stabilityScoreOffset: 1 };

describe('_process_batch for one point', () => {
  // Candidates: 0 quadrant (iou 0.9), 1 all 0.5 (stability 0: nothing > 1), 2 all +5 (iou 0.99), 3 all +5 (iou 0.5).
  const out = outputs([quadrant, constant(0.5), constant(5), constant(5)], [0.9, 0.95, 0.99, 0.5]);

  it('keeps candidates with predicted IoU > thresh and stability >= thresh, with boxes and RLEs', () => {
    const kept = filterCandidates(out, 7, image, sam);
    expect(kept.map((c) => [c.pointIndex, c.predictedIou, c.stabilityScore])).toEqual([
      [7, 0.9, 1],
      [7, 0.99, 1],
    ]);
    // Pixel 31 of 64 reads low-res ~125.4 (inside), pixel 32 reads ~129.4 (outside): the 32×32 top-left.
    expect(kept[0].boxXyxy).toEqual([0, 0, 31, 31]);
    // Column-major: no leading background, then per column 32 fg + 32 bg; after column 31, 32 + 32 * 64 bg.
    expect(kept[0].rle.counts).toEqual([0, ...Array.from({ length: 31 }, () => [32, 32]).flat(), 32, 32 + 32 * 64]);
    const decoded = decodeRle(kept[0].rle);
    expect(decoded.data.reduce((a, b) => a + b, 0)).toBe(32 * 32);
    expect(decoded.data[31 * 64 + 31]).toBe(1);
    expect(decoded.data[32 * 64 + 31]).toBe(0);
    expect(kept[1].boxXyxy).toEqual([0, 0, 63, 63]);
  });

  it('skips a filter whose threshold is 0, as SAM does', () => {
    expect(filterCandidates(out, 0, image, { ...sam, predIouThresh: 0 }).map((c) => c.predictedIou)).toEqual([0.9, 0.99, 0.5]);
    expect(filterCandidates(out, 0, image, { ...sam, stabilityScoreThresh: 0 }).map((c) => c.stabilityScore)).toEqual([1, 0, 1]);
  });

  it('compares predicted IoU strictly and stability inclusively', () => {
    const edge = outputs([constant(5), constant(5)], [0.88, 0.8800001]);
    expect(filterCandidates(edge, 0, image, sam).map((c) => c.predictedIou)).toEqual([0.8800001]);
    // Stability exactly 1 passes a threshold of 1.
    expect(filterCandidates(edge, 0, image, { ...sam, predIouThresh: 0, stabilityScoreThresh: 1 })).toHaveLength(2);
  });

  it('moves the stability score with the offset', () => {
    // All logits 0.5: > 0.5 + 0.25 is nothing, > 0.25 everything -> 0; with offset 0.25 around 0: > 0.25 all / > -0.25 all -> 1.
    const half = outputs([constant(0.5)], [1]);
    expect(filterCandidates(half, 0, image, { predIouThresh: 0, stabilityScoreThresh: 0.95, stabilityScoreOffset: 0.25 })[0].stabilityScore).toBe(1);
    expect(filterCandidates(half, 0, image, { predIouThresh: 0, stabilityScoreThresh: 0.95, stabilityScoreOffset: 1 })).toEqual([]);
  });
});
