import { describe, expect, it } from 'vitest';
import { maskToBoxXyxy, rleToBoxXyxy } from '../../../shared/masks/amg/maskBox.js';
import { boxIou, nms } from '../../../shared/masks/amg/nms.js';
import { rleAreaOf, rleContains, rleIntersectionArea, rleUnion, uncropRle } from '../../../shared/masks/amg/rleOps.js';
import { decodeRle, encodeRle } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';

/** Rows of '#'/'.' → mask. */
function mask(rows: string[]): BinaryMask {
  const height = rows.length;
  const width = rows[0].length;
  return { height, width, data: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)) };
}
const rows = (m: BinaryMask): string[] => Array.from({ length: m.height }, (_, y) => Array.from(m.data.subarray(y * m.width, (y + 1) * m.width), (v) => (v ? '#' : '.')).join(''));

describe('box NMS (torchvision nms, one category)', () => {
  it('computes IoU with (x1 - x0) * (y1 - y0) areas', () => {
    // [0,0,10,10] vs [5,0,15,10]: inter 5*10 = 50, union 100 + 100 - 50 = 150.
    expect(boxIou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3, 12);
    expect(boxIou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    expect(boxIou([3, 3, 3, 3], [3, 3, 3, 3])).toBe(0);
  });

  it('keeps the best box and drops those overlapping it above the threshold', () => {
    const boxes = [
      [0, 0, 10, 10], // score 0.5
      [1, 0, 11, 10], // IoU with box 2 = 90/110 = 0.818; with box 0 = 90/110 too
      [0, 0, 10, 10], // score 0.9: best
      [50, 50, 60, 60], // disjoint
    ];
    expect(nms(boxes, [0.5, 0.8, 0.9, 0.1], 0.7)).toEqual([2, 3]);
    // A threshold above 0.818 keeps box 1; box 0 is identical to box 2 (IoU 1) and goes.
    expect(nms(boxes, [0.5, 0.8, 0.9, 0.1], 0.85)).toEqual([2, 1, 3]);
    // IoU exactly at the threshold is kept (torchvision drops only IoU > t).
    expect(nms([[0, 0, 10, 10], [5, 0, 15, 10]], [1, 0.5], 1 / 3)).toEqual([0, 1]);
  });
});

describe('mask boxes (batched_mask_to_box)', () => {
  it('is inclusive xyxy, and zeros for an empty mask', () => {
    const m = mask(['.....', '..##.', '..#..', '.....']);
    expect(maskToBoxXyxy(m)).toEqual([2, 1, 3, 2]);
    expect(rleToBoxXyxy(encodeRle(m))).toEqual([2, 1, 3, 2]);
    expect(maskToBoxXyxy(mask(['...', '...']))).toEqual([0, 0, 0, 0]);
    expect(maskToBoxXyxy(mask(['....', '..#.']))).toEqual([2, 1, 2, 1]);
  });
});

describe('RLE operations', () => {
  it('uncrops a crop mask into the image with zero padding (uncrop_masks)', () => {
    const crop = mask(['#.', '##', '.#']); // 2 wide, 3 high
    const full = decodeRle(uncropRle(encodeRle(crop), [1, 1, 3, 4], 5, 4));
    expect(rows(full)).toEqual(['....', '.#..', '.##.', '..#.', '....']);
  });

  it('merges runs across columns when the crop spans the image height', () => {
    const crop = mask(['.#', '.#', '##']); // column 0 ends with fg, column 1 is all fg
    const out = uncropRle(encodeRle(crop), [2, 0, 4, 3], 3, 5);
    expect(out.counts).toEqual([8, 4, 3]);
    expect(rows(decodeRle(out))).toEqual(['...#.', '...#.', '..##.']);
  });

  it('returns the same RLE for the whole-image crop', () => {
    const rle = encodeRle(mask(['#.', '.#']));
    expect(uncropRle(rle, [0, 0, 2, 2], 2, 2)).toBe(rle);
  });

  it('looks up pixels, intersects and unites', () => {
    const a = encodeRle(mask(['##..', '##..', '....']));
    const b = encodeRle(mask(['.##.', '.##.', '.##.']));
    expect(rleContains(a, 1, 1)).toBe(true);
    expect(rleContains(a, 2, 1)).toBe(false);
    expect(rleContains(a, 9, 9)).toBe(false);
    expect(rleIntersectionArea(a, b)).toBe(2);
    const u = rleUnion(a, b);
    expect(rows(decodeRle(u))).toEqual(['###.', '###.', '.##.']);
    expect(rleAreaOf(u)).toBe(8);
    expect(rleIntersectionArea(a, encodeRle(mask(['....', '....', '....'])))).toBe(0);
  });
});
