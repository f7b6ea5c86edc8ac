import { describe, expect, it } from 'vitest';
import { batchIterator } from '../../../shared/masks/amg/batch.js';
import { boxXyxyToXywh, generateCropBoxes, isBoxNearCropEdge, uncropBoxXyxy, uncropPoint } from '../../../shared/masks/amg/cropBoxes.js';
import { DEFAULT_AMG_PARAMS, resolveAmgParams } from '../../../shared/masks/amg/params.js';
import { buildAllLayerPointGrids, buildPointGrid, scaleGrid } from '../../../shared/masks/amg/pointGrid.js';

const pairs = (a: ArrayLike<number>): number[][] => Array.from({ length: a.length / 2 }, (_, i) => [a[2 * i], a[2 * i + 1]]);

describe('build_point_grid', () => {
  it('puts n×n cell centres in [0,1]², x fastest, rows from the top', () => {
    // n = 2: offset 1/4, linspace(0.25, 0.75, 2).
    expect(pairs(buildPointGrid(2))).toEqual([
      [0.25, 0.25],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
    ]);
    // n = 4: offset 1/8, step (0.875 - 0.125) / 3 = 0.25.
    expect(pairs(buildPointGrid(4)).slice(0, 5)).toEqual([
      [0.125, 0.125],
      [0.375, 0.125],
      [0.625, 0.125],
      [0.875, 0.125],
      [0.125, 0.375],
    ]);
    expect(pairs(buildPointGrid(1))).toEqual([[0.5, 0.5]]);
  });

  it('scales per layer by int(n / factor^i) and to a crop as (x * w, y * h)', () => {
    expect(buildAllLayerPointGrids(32, 2, 2).map((g) => g.length / 2)).toEqual([1024, 256, 64]);
    // int(5 / 2) = 2, int(5 / 4) = 1.
    expect(buildAllLayerPointGrids(5, 2, 2).map((g) => g.length / 2)).toEqual([25, 4, 1]);
    expect(pairs(scaleGrid(buildPointGrid(2), 100, 40))).toEqual([
      [25, 10],
      [75, 10],
      [25, 30],
      [75, 30],
    ]);
  });
});

describe('generate_crop_boxes', () => {
  it('is the whole image alone with no crop layers', () => {
    expect(generateCropBoxes({ height: 683, width: 1024 }, 0, 512 / 1500)).toEqual({ cropBoxes: [[0, 0, 1024, 683]], layerIdxs: [0] });
  });

  it('tiles layer 1 as 2×2 overlapping crops, x-major', () => {
    // 2000×1500, ratio 512/1500: overlap = int(512/1500 * 1500 * 2/2) = 512;
    // crop_w = ceil((512 + 2000) / 2) = 1256, crop_h = ceil((512 + 1500) / 2) = 1006;
    // x0 = 0, 1256 - 512 = 744; y0 = 0, 1006 - 512 = 494.
    const { cropBoxes, layerIdxs } = generateCropBoxes({ height: 1500, width: 2000 }, 1, 512 / 1500);
    expect(cropBoxes).toEqual([
      [0, 0, 2000, 1500],
      [0, 0, 1256, 1006],
      [0, 494, 1256, 1500],
      [744, 0, 2000, 1006],
      [744, 494, 2000, 1500],
    ]);
    expect(layerIdxs).toEqual([0, 1, 1, 1, 1]);
  });

  it('gives layer 2 sixteen crops clipped to the image', () => {
    const { cropBoxes, layerIdxs } = generateCropBoxes({ height: 683, width: 1024 }, 2, 512 / 1500);
    expect(cropBoxes).toHaveLength(1 + 4 + 16);
    expect(layerIdxs.filter((l) => l === 2)).toHaveLength(16);
    // Layer 2 of 1024×683: overlap int(512/1500*683*0.5) = 116, crop_w = ceil((348 + 1024)/4) = 343, crop_h = ceil((348 + 683)/4) = 258.
    expect(cropBoxes[5]).toEqual([0, 0, 343, 258]);
    expect(cropBoxes[20]).toEqual([681, 426, 1024, 683]);
  });
});

describe('crop frame helpers', () => {
  it('converts and uncrops boxes and points', () => {
    expect(boxXyxyToXywh([10, 20, 30, 60])).toEqual([10, 20, 20, 40]);
    expect(uncropBoxXyxy([1, 2, 3, 4], [100, 200, 300, 400])).toEqual([101, 202, 103, 204]);
    expect(uncropPoint([1.5, 2.5], [100, 200, 300, 400])).toEqual([101.5, 202.5]);
  });

  it('flags boxes within 20 px of a crop edge that is not an image edge', () => {
    const crop = [744, 0, 2000, 1006];
    const orig = [0, 0, 2000, 1500];
    // Left edge: 744 + 15 = 759, |759 - 744| = 15 <= 20 and 759 is far from 0: near.
    expect(isBoxNearCropEdge([15, 100, 200, 200], crop, orig)).toBe(true);
    // 21 px away on every crop edge: not near.
    expect(isBoxNearCropEdge([21, 100, 200, 200], crop, orig)).toBe(false);
    // Top edge y = 0 is also the image's top edge: not a cut, kept.
    expect(isBoxNearCropEdge([100, 0, 200, 200], crop, orig)).toBe(false);
    // Bottom: 990 + 0 vs 1006 -> 16 px, and 1006 is not the image bottom (1500): near.
    expect(isBoxNearCropEdge([100, 100, 200, 990], crop, orig)).toBe(true);
    // The whole-image crop never cuts.
    expect(isBoxNearCropEdge([0, 0, 1999, 1499], orig, orig)).toBe(false);
  });
});

describe('batch_iterator', () => {
  it('yields full batches then the remainder', () => {
    expect([...batchIterator(64, Array.from({ length: 150 }, (_, i) => i))].map((b) => [b[0], b.length])).toEqual([
      [0, 64],
      [64, 64],
      [128, 22],
    ]);
    expect([...batchIterator(4, [])]).toEqual([]);
    expect([...batchIterator(4, [1, 2, 3, 4])]).toEqual([[1, 2, 3, 4]]);
  });
});

describe('parameters', () => {
  it("has SAM's defaults", () => {
    expect(DEFAULT_AMG_PARAMS).toMatchObject({
      pointsPerSide: 32,
      pointsPerBatch: 64,
      predIouThresh: 0.88,
      stabilityScoreThresh: 0.95,
      stabilityScoreOffset: 1,
      boxNmsThresh: 0.7,
      cropNLayers: 0,
      cropNmsThresh: 0.7,
      cropOverlapRatio: 512 / 1500,
      cropNPointsDownscaleFactor: 1,
      minMaskRegionArea: 0,
      outputMode: 'binary_mask',
    });
  });

  it('refuses bad knobs with their SAM names', () => {
    expect(() => resolveAmgParams({ pointsPerBatch: 0 })).toThrow(/points_per_batch/);
    expect(() => resolveAmgParams({ predIouThresh: 1.5 })).toThrow(/pred_iou_thresh/);
    expect(() => resolveAmgParams({ outputMode: 'png' as never })).toThrow(/Unknown output_mode png/);
    expect(() => resolveAmgParams({ pointGrids: [buildPointGrid(2)], cropNLayers: 1 })).toThrow(/one grid per crop layer/);
    expect(resolveAmgParams({ pointGrids: [buildPointGrid(2)] }).pointsPerSide).toBeNull();
    expect(() => resolveAmgParams({ region: [10, 10, 5, 20] })).toThrow(/region/);
  });
});
