import { describe, expect, it } from 'vitest';
import type { AmgCandidate } from '../../../shared/masks/amg/candidates.js';
import type { BoxXyxy } from '../../../shared/masks/amg/cropBoxes.js';
import { dropCropEdgeMasks, finishCrop, mergeCrops, postprocessSmallRegions, type ImageMask } from '../../../shared/masks/amg/maskData.js';
import { rleToBoxXyxy } from '../../../shared/masks/amg/maskBox.js';
import { toRecord } from '../../../shared/masks/amg/records.js';
import { decodeRle, encodeRle } from '../../../shared/masks/rle.js';
import { mask, rows } from './masks.js';

function candidate(m: string[], predictedIou: number, point: [number, number]): AmgCandidate & { point: [number, number] } {
  const rle = encodeRle(mask(m));
  return { pointIndex: 0, predictedIou, stabilityScore: 0.97, boxXyxy: rleToBoxXyxy(rle), rle, point };
}

function imageMask(m: string[], cropBox: BoxXyxy, predictedIou = 0.9): ImageMask {
  const rle = encodeRle(mask(m));
  return { rle, boxXyxy: rleToBoxXyxy(rle), predictedIou, stabilityScore: 0.96, pointCoords: [[0, 0]], cropBox };
}

describe('_process_crop', () => {
  it('drops masks cut by an inner crop edge, keeps those on the image edge', () => {
    const crop: BoxXyxy = [40, 0, 80, 30];
    const orig = { height: 30, width: 80 };
    const onLeft = { ...candidate(['#'], 0.9, [0, 0]), boxXyxy: [5, 5, 10, 10] as BoxXyxy }; // x 45: within 20 of 40, not of 0
    const inside = { ...candidate(['#'], 0.9, [0, 0]), boxXyxy: [21, 5, 30, 10] as BoxXyxy }; // 61..70, 10 px from the image's right edge 80 = crop's right
    expect(dropCropEdgeMasks([onLeft, inside], crop, orig)).toEqual([inside]);
  });

  it('keeps the best of overlapping masks by predicted IoU, then uncrops masks, boxes and points', () => {
    const a = candidate(['##..', '##..', '....'], 0.9, [0.5, 0.5]);
    const b = candidate(['##..', '##..', '#...'], 0.95, [1, 1]); // box IoU with a: (1*1)/(1*2) = 0.5
    const c = candidate(['....', '...#', '...#'], 0.99, [3, 2]);
    const out = finishCrop([a, b, c], [2, 1, 6, 4], { height: 5, width: 7 }, 0.4);
    // c (0.99) first, then b (0.95); a overlaps b with box IoU 0.5 > 0.4 and goes.
    expect(out.map((m) => m.predictedIou)).toEqual([0.99, 0.95]);
    expect(rows(decodeRle(out[1].rle))).toEqual(['.......', '..##...', '..##...', '..#....', '.......']);
    expect(out[1].boxXyxy).toEqual([2, 1, 3, 3]);
    expect(out[1].pointCoords).toEqual([[3, 2]]);
    expect(out[1].cropBox).toEqual([2, 1, 6, 4]);
    expect(finishCrop([a, b, c], [2, 1, 6, 4], { height: 5, width: 7 }, 0.5).map((m) => m.predictedIou)).toEqual([0.99, 0.95, 0.9]);
  });
});

describe('_generate_masks across crops', () => {
  it('prefers the mask from the smaller crop when two crops found the same object', () => {
    const m = ['.##.', '.##.'];
    const whole = imageMask(m, [0, 0, 4, 2], 0.99);
    const small = imageMask(m, [0, 0, 3, 2], 0.9);
    expect(mergeCrops([whole, small], 2, 0.7)).toEqual([small]);
    // One crop: no cross-crop NMS at all.
    expect(mergeCrops([whole, small], 1, 0.7)).toHaveLength(2);
  });
});

describe('postprocess_small_regions', () => {
  it('repairs holes and islands, and NMS prefers the duplicate that needed no repair', () => {
    const holed = imageMask(['#####', '#.###', '#####', '.....', '....#'], [0, 0, 5, 5]); // a 1 px hole and a 1 px island
    const clean = imageMask(['#####', '#####', '#####', '.....', '.....'], [0, 0, 5, 5]);
    const other = imageMask(['.....', '.....', '.....', '##...', '##...'], [0, 0, 5, 5]);
    const out = postprocessSmallRegions([holed, clean, other], 2, 0.7);
    // holed is repaired into clean's shape (box IoU 1): clean scores 1, holed 0; other is unchanged.
    expect(out).toHaveLength(2);
    expect(out[0].rle).toBe(clean.rle);
    expect(rows(decodeRle(out[1].rle))).toEqual(['.....', '.....', '.....', '##...', '##...']);
    // Alone, holed comes back repaired with a new box.
    const [fixed] = postprocessSmallRegions([holed], 2, 0.7);
    expect(rows(decodeRle(fixed.rle))).toEqual(['#####', '#####', '#####', '.....', '.....']);
    expect(fixed.boxXyxy).toEqual([0, 0, 4, 2]);
  });
});

describe('records', () => {
  it('have exactly the seven fields, with area and a COCO bbox of the segmentation', () => {
    const m = imageMask(['.....', '.##..', '.##..', '.#...'], [0, 0, 5, 4], 0.93);
    const record = toRecord({ ...m, pointCoords: [[1.5, 2.5]] }, 'uncompressed_rle');
    expect(Object.keys(record).sort()).toEqual(['area', 'bbox', 'crop_box', 'point_coords', 'predicted_iou', 'segmentation', 'stability_score']);
    expect(record).toMatchObject({ area: 5, bbox: [1, 1, 2, 3], predicted_iou: 0.93, point_coords: [[1.5, 2.5]], stability_score: 0.96, crop_box: [0, 0, 5, 4] });
    // Column-major: column 0 (4) + row 0 of column 1 = 5 bg, rows 1-3 of column 1 = 3 fg, row 0 of column 2 = 1 bg,
    // rows 1-2 = 2 fg, then row 3 + columns 3-4 = 1 + 8 bg.
    expect(record.segmentation).toEqual({ size: [4, 5], counts: [5, 3, 1, 2, 9] });
  });

  it('encode the segmentation per output_mode', () => {
    const m = imageMask(['.#', '##'], [0, 0, 2, 2]);
    // Counts [1, 3] -> '0' + 1, '0' + 3.
    expect(toRecord(m, 'coco_rle').segmentation).toEqual({ size: [2, 2], counts: '13' });
    expect(toRecord(m, 'binary_mask').segmentation).toEqual({ height: 2, width: 2, data: Uint8Array.from([0, 1, 1, 1]) });
  });
});
