import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGroundTruth, pairByStem, type EvalPair } from '../../../main/services/eval/dataset.js';
import { evaluatePairs } from '../../../main/services/eval/evaluate.js';
import type { GroundTruth } from '../../../main/services/eval/groundTruth.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { DiscPredictor, GroundTruthPredictor } from './fakePredictors.js';
import { rectangle, writeGreyPng, writePalettePng } from './masksOnDisk.js';

// One 120×80 image whose object is the rectangle x ∈ [20, 80), y ∈ [10, 50); its mask is 0/255 with 128 = ignore on
// a column that must not count; a second, 90×70 image with a palette mask (index 2 = object).
const W = 120;
const H = 80;
const RECT = { x0: 20, y0: 10, x1: 80, y1: 50 };
const RADIUS = 15;
let pairs: EvalPair[];
const truths = new Map<string, GroundTruth>();

beforeAll(async () => {
  const dir = tempDir('eval-protocol');
  await mkdir(join(dir, 'images'));
  await mkdir(join(dir, 'masks'));
  await writeTestImage(join(dir, 'images', 'a_rect.jpg'), W, H);
  const grey = rectangle(W, H, RECT.x0, RECT.y0, RECT.x1, RECT.y1).map((v) => v * 255);
  for (let y = 0; y < H; y++) grey[y * W + 100] = 128;
  await writeGreyPng(join(dir, 'masks', 'a_rect.png'), grey, W, H);
  await writeTestImage(join(dir, 'images', 'b_palette.jpg'), 90, 70);
  await writePalettePng(join(dir, 'masks', 'b_palette.png'), rectangle(90, 70, 30, 20, 60, 50).map((v) => v * 2), 90, 70);
  ({ pairs } = await pairByStem(join(dir, 'images'), join(dir, 'masks')));
  for (const p of pairs) truths.set(p.imagePath, await loadGroundTruth(p.maskPath));
});

/** IoU of a disc (pixel centres within `r` of (cx, cy)) with RECT, by counting pixels here, independently of the eval code. */
function discRectIou(cx: number, cy: number, r: number): number {
  let inter = 0;
  let disc = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (x === 100) continue; // the ignore column
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) continue;
      disc++;
      if (x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1) inter++;
    }
  }
  const rectArea = (RECT.x1 - RECT.x0) * (RECT.y1 - RECT.y0);
  return inter / (disc + rectArea - inter);
}

describe('interactive protocol with predictors whose answers are known', () => {
  it('pairs the images and masks by stem', () => {
    expect(pairs.map((p) => p.name)).toEqual(['a_rect', 'b_palette']);
  });

  it('a predictor that answers the ground truth needs one click everywhere', async () => {
    const report = await evaluatePairs(new GroundTruthPredictor(truths), pairs, { maxClicks: 20 });
    expect(report.overall.noc).toEqual({ '85': 1, '90': 1 });
    expect(report.overall.iouAt).toEqual({ '1': 1, '3': 1, '5': 1 });
    expect(report.samples.every((s) => s.clicks.length === 1 && s.clicks[0].positive)).toBe(true);
  });

  it('a disc around the first click scores the IoU of that disc, and never reaches 85 %', async () => {
    const report = await evaluatePairs(new DiscPredictor(RADIUS), pairs.slice(0, 1), { maxClicks: 6 });
    // The first click is the rectangle's deepest pixel, first in raster order: (39, 29); the disc is centred on its middle.
    expect(report.samples[0].clicks[0]).toEqual({ x: 39, y: 29, positive: true });
    const expected = discRectIou(39.5, 29.5, RADIUS);
    expect(expected).toBeGreaterThan(0.2);
    for (const k of ['1', '3', '5']) expect(report.overall.iouAt[k]).toBeCloseTo(expected, 10);
    expect(report.overall.noc).toEqual({ '85': 6, '90': 6 });
    expect(report.overall.failures90).toBe(1);
    expect(report.samples[0].ious).toHaveLength(6);
  });

  it('a predictor that reads x and y swapped gets worse numbers', async () => {
    const right = await evaluatePairs(new DiscPredictor(RADIUS), pairs.slice(0, 1), { maxClicks: 3 });
    const swapped = await evaluatePairs(new DiscPredictor(RADIUS, true), pairs.slice(0, 1), { maxClicks: 3 });
    expect(swapped.overall.iouAt['1']).toBeCloseTo(discRectIou(29.5, 39.5, RADIUS), 10);
    expect(swapped.overall.iouAt['1']).toBeLessThan(right.overall.iouAt['1'] - 0.05);
  });

  it('passes every click so far, as points in pixel centres, without mask_input', async () => {
    const predictor = new DiscPredictor(RADIUS);
    await evaluatePairs(predictor, pairs.slice(0, 1), { maxClicks: 3 });
    expect(predictor.requests.map((r) => r.pointCoords?.length)).toEqual([1, 2, 3]);
    const last = predictor.requests[2];
    expect(last.pointCoords?.[0]).toEqual({ x: 39.5, y: 29.5 });
    expect(last.maskInput).toBeUndefined();
    expect(last.pointLabels?.[0]).toBe(1);
  });

  it('stops early only once every reported number is known', async () => {
    // One object row missing: IoU 58/60 from the first click on, and an error row to click on forever.
    const predictor = new GroundTruthPredictor(truths, 1);
    const early = await evaluatePairs(predictor, pairs.slice(0, 1), { maxClicks: 20, earlyStop: { clicks: 5, iou: 0.9 } });
    const full = await evaluatePairs(predictor, pairs.slice(0, 1), { maxClicks: 20 });
    expect(early.samples[0].ious).toHaveLength(5);
    expect(full.samples[0].ious).toHaveLength(20);
    expect(early.overall.iouAt).toEqual(full.overall.iouAt);
    expect(early.overall.noc).toEqual({ '85': 1, '90': 1 });
    expect(full.samples[0].clicks[1]).toMatchObject({ y: 10, positive: true });
  });
});
