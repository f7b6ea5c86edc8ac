import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageBox, imagePoint } from '../../../shared/sam/coords.js';
import { lowResCandidate, upsampleLogits } from '../../../shared/sam/postprocess.js';
import type { EngineClient } from '../../../main/inference/engineClient.js';
import { centroid, extent, writeTestImage } from '../../helpers/images.js';
import { startOnnx, tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { redDecoder, redEncoder } from '../../helpers/tinyModels.js';

// Candidate radii of discDecoder() as a fraction of max(H, W), by decoder output index.
const RADII = [0.05, 0.03, 0.06, 0.1];

interface Case {
  name: string;
  width: number;
  height: number;
  orientation: number;
  click: [number, number];
}

const CASES: Case[] = [
  { name: 'landscape 1000x500', width: 1000, height: 500, orientation: 1, click: [700, 180] },
  { name: 'portrait odd 333x517', width: 333, height: 517, orientation: 1, click: [101, 377] },
  { name: 'tiny 53x37 (upscaled to 1024)', width: 53, height: 37, orientation: 1, click: [20, 17] },
  { name: 'large 3000x2000', width: 3000, height: 2000, orientation: 1, click: [2100, 640] },
  { name: 'EXIF 3 (180°) 401x251', width: 401, height: 251, orientation: 3, click: [90, 70] },
  { name: 'EXIF 6 (90° CW) 401x251', width: 401, height: 251, orientation: 6, click: [300, 160] },
  { name: 'EXIF 8 (90° CCW) 251x401', width: 251, height: 401, orientation: 8, click: [70, 300] },
];

const dir = tempDir('coords');
let disc: EngineClient;
let box: EngineClient;

beforeAll(async () => {
  const models = tinyModels();
  disc = await startOnnx(models.encoder, models.disc);
  box = await startOnnx(models.encoder, models.box);
  for (const c of CASES) await writeTestImage(join(dir, `${c.name}.jpg`), c.width, c.height, { orientation: c.orientation });
});

afterAll(() => {
  disc?.close();
  box?.close();
});

describe.each(CASES)('a click on $name', (c) => {
  const [x, y] = c.click;

  it('comes back as a disc centred on the click at full resolution, within 1 px', async () => {
    const set = await disc.setImage(join(dir, `${c.name}.jpg`));
    expect([set.width, set.height]).toEqual([c.width, c.height]);
    const result = await disc.predict({ pointCoords: [imagePoint(x, y)], pointLabels: [1], upsample: {} });
    expect(result.indices).toEqual([1, 2, 3]);
    const maxSide = Math.max(c.width, c.height);
    result.masks?.masks.forEach((mask, k) => {
      expect([mask.width, mask.height]).toEqual([c.width, c.height]);
      const m = centroid(mask.data, mask.width);
      expect(Math.abs(m.x - x)).toBeLessThanOrEqual(1);
      expect(Math.abs(m.y - y)).toBeLessThanOrEqual(1);
      const r = RADII[result.indices[k]] * maxSide;
      const expectedArea = Math.PI * r * r;
      expect(Math.abs(m.area - expectedArea)).toBeLessThanOrEqual(2 * Math.PI * r * 1.5 + 4);
    });
  });

  it('comes back centred on the click through the low-res path and a region upsample', async () => {
    await disc.setImage(join(dir, `${c.name}.jpg`));
    const result = await disc.predict({ pointCoords: [imagePoint(x, y)], pointLabels: [1] });
    expect(result.masks).toBeUndefined();
    expect(result.lowResLogits.length).toBe(3 * 256 * 256);
    const k = result.indices.indexOf(1);
    const r = Math.ceil(RADII[1] * Math.max(c.width, c.height)) + 3;
    const region = { x0: Math.max(0, x - r), y0: Math.max(0, y - r), x1: Math.min(c.width, x + r + 1), y1: Math.min(c.height, y + r + 1) };
    const logits = upsampleLogits(lowResCandidate(result.lowResLogits, k, 256), 256, { height: c.height, width: c.width }, region);
    const m = centroid(Uint8Array.from(logits, (v) => +(v > 0)), region.x1 - region.x0, region.x0, region.y0);
    expect(Math.abs(m.x - x)).toBeLessThanOrEqual(1);
    expect(Math.abs(m.y - y)).toBeLessThanOrEqual(1);
  });

  it('fills the prompt box, within 1 px', async () => {
    await box.setImage(join(dir, `${c.name}.jpg`));
    const b = [Math.round(c.width * 0.2), Math.round(c.height * 0.3), Math.round(c.width * 0.7), Math.round(c.height * 0.9)];
    const result = await box.predict({ box: imageBox(b[0], b[1], b[2], b[3]), multimaskOutput: false, upsample: {} });
    expect(result.indices).toEqual([0]);
    const mask = result.masks!.masks[0];
    const e = extent(mask.data, mask.width);
    e.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1));
  });
});

describe('image content reaches the model in the orientation the user sees', () => {
  it.each([1, 3, 6, 8])('finds a red patch where it is displayed (EXIF %i)', async (orientation) => {
    const models = tempDir('red');
    writeFileSync(join(models, 'enc.onnx'), redEncoder());
    writeFileSync(join(models, 'dec.onnx'), redDecoder());
    const client = await startOnnx(join(models, 'enc.onnx'), join(models, 'dec.onnx'));
    try {
      const red = { x: 200, y: 40, w: 120, h: 90 };
      const file = join(dir, `red-${orientation}.jpg`);
      await writeTestImage(file, 480, 320, { orientation, red });
      await client.setImage(file);
      const result = await client.predict({ pointCoords: [imagePoint(0, 0)], pointLabels: [1], multimaskOutput: false, upsample: {} });
      const mask = result.masks!.masks[0];
      // One embedding cell is 16 model px = 16 / (1024 / 480) = 7.5 image px: the patch edges land within a cell.
      const tol = 16 / (1024 / 480) + 1;
      const e = extent(mask.data, mask.width);
      [red.x, red.y, red.x + red.w - 1, red.y + red.h - 1].forEach((v, i) => expect(Math.abs(e[i] - v)).toBeLessThanOrEqual(tol));
    } finally {
      client.close();
    }
  });
});

describe('SamPredictor semantics', () => {
  it('returns the multimask trio 1..3 with their scores, or index 0 when multimaskOutput is false', async () => {
    await disc.setImage(join(dir, `${CASES[0].name}.jpg`));
    const multi = await disc.predict({ pointCoords: [imagePoint(500, 250)], pointLabels: [1] });
    expect(multi.indices).toEqual([1, 2, 3]);
    expect(multi.iouPredictions.map((v) => +v.toFixed(3))).toEqual([0.7, 0.9, 0.8]);
    const single = await disc.predict({ pointCoords: [imagePoint(500, 250)], pointLabels: [1], multimaskOutput: false });
    expect(single.indices).toEqual([0]);
  });

  it('feeds maskInput to the decoder unchanged (the refinement path)', async () => {
    await disc.setImage(join(dir, `${CASES[0].name}.jpg`));
    const first = await disc.predict({ pointCoords: [imagePoint(300, 300)], pointLabels: [1] });
    const chosen = lowResCandidate(first.lowResLogits, 0, 256);
    // The test decoder echoes mask_input when has_mask_input = 1, whatever the new click says.
    const refined = await disc.predict({ pointCoords: [imagePoint(300, 300), imagePoint(900, 100)], pointLabels: [1, 0], maskInput: chosen });
    expect(Array.from(lowResCandidate(refined.lowResLogits, 2, 256))).toEqual(Array.from(chosen));
  });

  it('rejects predict before setImage with NoImageSet, and mismatched labels with BadInput', async () => {
    const models = tinyModels();
    const fresh = await startOnnx(models.encoder, models.disc);
    try {
      await expect(fresh.predict({ pointCoords: [imagePoint(1, 1)], pointLabels: [1] })).rejects.toMatchObject({ code: 'NoImageSet' });
      await fresh.setImage(join(dir, `${CASES[0].name}.jpg`));
      await expect(fresh.predict({ pointCoords: [imagePoint(1, 1)], pointLabels: [] })).rejects.toMatchObject({ code: 'BadInput' });
    } finally {
      fresh.close();
    }
  });
});
