import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import type { TinyModelPaths } from '../../helpers/tinyModels.js';
import { rectangle, writeGreyPng } from './masksOnDisk.js';

// 160×100 grey images with a red 40×24 rectangle at (60, 30) that is also the ground truth.
const W = 160;
const H = 100;
const RECT = { x: 60, y: 30, w: 40, h: 24 };
let root: string;
let models: TinyModelPaths;
const env = () => ({ SAMLABEL_CACHE_DIR: tempDir('eval-cli-cache') });

interface EvalJson {
  model: string;
  max_clicks: number;
  overall: { images: number; miou_at: Record<string, number>; noc: Record<string, number>; nof_90: number };
  images: { name: string; ious: number[]; points: { x: number; y: number; label: number }[] }[];
}

beforeAll(async () => {
  models = tinyModels();
  root = tempDir('eval-cli');
  await mkdir(join(root, 'images'));
  await mkdir(join(root, 'masks'));
  const grey = rectangle(W, H, RECT.x, RECT.y, RECT.x + RECT.w, RECT.y + RECT.h).map((v) => v * 255);
  for (const name of ['one', 'two']) {
    await writeTestImage(join(root, 'images', `${name}.jpg`), W, H, { red: RECT });
    await writeGreyPng(join(root, 'masks', `${name}.png`), grey, W, H);
  }
});

/** IoU of the pixel-centre disc of radius r at (cx, cy) with RECT, counted here. */
function discIou(cx: number, cy: number, r: number): number {
  let inter = 0;
  let disc = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inDisc = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
      const inRect = x >= RECT.x && x < RECT.x + RECT.w && y >= RECT.y && y < RECT.y + RECT.h;
      if (inDisc) disc++;
      if (inDisc && inRect) inter++;
    }
  }
  return inter / (disc + RECT.w * RECT.h - inter);
}

describe('samlabel eval', () => {
  it('scores an ONNX model whose answer is known: a disc around the first click', () => {
    const run = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--model', `${models.encoder},${models.disc}`, '--max-clicks', '4', '--json'], env());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as EvalJson;
    expect(report.overall.images).toBe(2);
    // The top-scoring candidate of the disc decoder has radius 0.06 × max(H, W), around the first point.
    const first = report.images[0].points[0];
    expect(first).toEqual({ x: 71, y: 41, label: 1 });
    const expected = discIou(first.x + 0.5, first.y + 0.5, 0.06 * W);
    for (const k of ['1', '3', '5']) expect(report.overall.miou_at[k]).toBeCloseTo(expected, 1);
    expect(report.overall.noc).toEqual({ '85': 4, '90': 4 });
    expect(report.images[0].ious).toHaveLength(4);
  });

  it('runs the built-in model by default and segments an easy object in a few clicks', () => {
    const run = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--json'], env());
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as EvalJson;
    expect(report.model).toBe('builtin-classic');
    expect(report.overall.miou_at['5']).toBeGreaterThan(0.85);
    expect(report.overall.noc['85']).toBeLessThanOrEqual(5);
  });

  it('prints a table by default and refuses bad input with one line', () => {
    const table = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--max-clicks', '2'], env());
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/IoU@1 +IoU@3 +IoU@5 +NoC85 +NoC90/);
    expect(table.stdout).toMatch(/mean of 2/);
    const usage = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--max-clicks', '0'], env());
    expect(usage.status).toBe(2);
    expect(oneLine(usage.stderr)).toMatch(/--max-clicks/);
    const huge = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--max-clicks', '1e9'], env());
    expect(huge.status).toBe(2);
    expect(oneLine(huge.stderr)).toMatch(/--max-clicks takes an integer from 1 to 1000, got "1e9"/);
    const empty = tempDir('eval-empty');
    const none = runSamlabel(['eval', empty, empty], env());
    expect(none.status).toBe(1);
    expect(oneLine(none.stderr)).toMatch(/no image/);
  });
});
