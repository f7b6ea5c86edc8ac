import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../../main/inference/engineClient.js';
import { SamAutomaticMaskGenerator, type AmgProgress } from '../../../main/services/auto/generator.js';
import type { AmgParams } from '../../../shared/masks/amg/params.js';
import type { AmgRecord } from '../../../shared/masks/amg/records.js';
import { decodeRle } from '../../../shared/masks/rle.js';
import type { UncompressedRle } from '../../../shared/masks/types.js';
import { startOnnx, tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { discDecoder } from '../../helpers/tinyModels.js';

/**
 * A decoder whose multimask trio, for a click at p in an image of max side M, are discs around p of
 * radius 0.05 M, 0.15 M and 1.0 M (logits = radius - distance in pixels), with predicted IoUs 0.95,
 * 0.9 and 0.89. On a 200×100 image: r = 10, 30 and 200 px. Stability (area > r-1 over area > r+1)
 * is about (9/11)² = 0.67, (29/31)² = 0.875 and exactly 1 (the 200 px disc covers the whole image).
 */
const RADII = [0.05, 0.05, 0.15, 1.0];
const SCORES = [0.5, 0.95, 0.9, 0.89];
const W = 200;
const H = 100;
// points_per_side 2 on 200×100: (50, 25), (150, 25), (50, 75), (150, 75).
const GRID = [
  [50, 25],
  [150, 25],
  [50, 75],
  [150, 75],
];

const dir = tempDir('amg');
const image = join(dir, 'rotated.jpg');
let engine: EngineClient;

beforeAll(async () => {
  const models = tinyModels();
  const decoder = join(dir, 'disc_amg.onnx');
  writeFileSync(decoder, discDecoder(RADII, SCORES));
  engine = await startOnnx(models.encoder, decoder);
  // Stored rotated with EXIF 6: the user sees 200×100, and that is the frame records must be in.
  await writeTestImage(image, W, H, { orientation: 6 });
});

afterAll(() => engine?.close());

const run = (params: Partial<AmgParams>, onProgress?: (p: AmgProgress) => void, signal?: AbortSignal) =>
  new SamAutomaticMaskGenerator(engine, { pointsPerSide: 2, outputMode: 'uncompressed_rle', ...params }).generate(image, { onProgress, signal });

const points = (records: AmgRecord[]) => records.map((r) => r.point_coords[0]);

function centroid(rle: UncompressedRle): [number, number] {
  const m = decodeRle(rle);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < m.data.length; i++) {
    if (!m.data[i]) continue;
    sx += i % m.width;
    sy += Math.floor(i / m.width);
    n++;
  }
  return [sx / n + 0.5, sy / n + 0.5];
}

describe('SamAutomaticMaskGenerator with a decoder of known masks', () => {
  it("SAM's defaults keep only the stable whole-image mask, once after box NMS", async () => {
    const { records, stats, width, height } = await run({});
    expect([width, height]).toEqual([W, H]);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r.area).toBe(W * H);
    expect(r.bbox).toEqual([0, 0, W, H]);
    expect(r.stability_score).toBe(1);
    expect(r.predicted_iou).toBeCloseTo(0.89, 6);
    expect(r.point_coords).toEqual([[50, 25]]); // the first of four identical boxes wins the tie
    expect(r.crop_box).toEqual([0, 0, W, H]);
    expect(stats).toMatchObject({ crops: 1, pointsTotal: 4, pointsSkipped: 0, decoderRuns: 4 });
  });

  it('a lower stability_score_thresh lets the 30 px discs through, each centred on its point', async () => {
    const { records } = await run({ stabilityScoreThresh: 0.8 });
    expect(records).toHaveLength(5);
    expect(records[0].area).toBe(W * H); // sorted by area, largest first
    const discs = records.slice(1);
    expect(points(discs).sort()).toEqual([...GRID].sort());
    for (const d of discs) {
      expect(d.stability_score).toBeGreaterThan(0.8);
      expect(d.stability_score).toBeLessThan(0.95);
      const [px, py] = d.point_coords[0];
      const [cx] = centroid(d.segmentation as UncompressedRle);
      expect(Math.abs(cx - px)).toBeLessThan(1);
      // 30 px either side in x; in y clipped by the image at the top or bottom.
      expect(d.bbox[0]).toBeCloseTo(px - 30, -0.5);
      expect(d.bbox[2]).toBeGreaterThanOrEqual(59);
      expect(d.bbox[2]).toBeLessThanOrEqual(62);
      expect(py < 50 ? d.bbox[1] : d.bbox[1] + d.bbox[3]).toBe(py < 50 ? 0 : H);
    }
  });

  it('pred_iou_thresh is strict: 0.895 drops the whole-image mask (0.89), 0.96 drops everything', async () => {
    const { records } = await run({ stabilityScoreThresh: 0.8, predIouThresh: 0.895 });
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.area < W * H)).toBe(true);
    expect((await run({ predIouThresh: 0.96 })).records).toEqual([]);
  });

  it('box_nms_thresh 1 keeps the four identical whole-image masks', async () => {
    const { records } = await run({ boxNmsThresh: 1 });
    expect(records).toHaveLength(4);
    expect(points(records)).toEqual(GRID);
  });

  it('stability_score_offset 0.5 makes the 10 px discs stable enough too', async () => {
    // (9.5 / 10.5)² = 0.82 > 0.8.
    const { records } = await run({ stabilityScoreThresh: 0.8, stabilityScoreOffset: 0.5 });
    expect(records).toHaveLength(9);
  });

  it('coverage-aware mode skips points already inside a kept mask', async () => {
    const progress: AmgProgress[] = [];
    const { records, stats } = await run({ coverageAware: true, pointsPerBatch: 1 }, (p) => progress.push(p));
    expect(records).toHaveLength(1);
    expect(stats).toMatchObject({ decoderRuns: 1, pointsSkipped: 3, pointsTotal: 4 });
    expect(progress.at(-1)).toEqual({ pointsDone: 4, pointsTotal: 4, crop: 0, crops: 1 });
  });

  it('reports progress per batch and can be cancelled', async () => {
    const progress: number[] = [];
    await run({ pointsPerBatch: 3 }, (p) => progress.push(p.pointsDone));
    expect(progress).toEqual([0, 3, 4]);
    const controller = new AbortController();
    controller.abort();
    await expect(run({}, undefined, controller.signal)).rejects.toMatchObject({ code: 'EngineCancelled' });
  });

  it('restricts the grid to a region', async () => {
    const { records } = await run({ region: [0, 0, 100, 50], stabilityScoreThresh: 0.8, predIouThresh: 0.895 });
    // points_per_side 2 over the 100×50 region: (25, 12.5), (75, 12.5), (25, 37.5), (75, 37.5).
    expect(points(records).sort()).toEqual(
      [
        [25, 12.5],
        [75, 12.5],
        [25, 37.5],
        [75, 37.5],
      ].sort(),
    );
    expect(records.every((r) => r.crop_box.join() === [0, 0, W, H].join())).toBe(true);
  });

  it('runs one encoder pass per crop and drops masks cut by inner crop edges', async () => {
    const before = await engine.stats();
    const { records, stats } = await run({ cropNLayers: 1 });
    const after = await engine.stats();
    expect(stats.crops).toBe(5);
    // One setImage per crop (an encoder pass, or a cache hit: the image is flat grey, so equal-sized crops share bytes).
    expect(after.encoderRuns - before.encoderRuns + (after.ramHits - before.ramHits) + (after.diskHits - before.diskHits)).toBe(5);
    expect(stats.decoderRuns).toBe(5 * 4);
    // Each crop's 1.0-radius disc fills the crop and touches its inner edges: only the whole-image one is left.
    expect(records.map((r) => r.crop_box)).toEqual([[0, 0, W, H]]);
  });
});
