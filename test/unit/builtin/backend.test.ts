import { beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinClassicBackend } from '../../../main/inference/builtin/backend.js';
import type { PreparedImage } from '../../../main/inference/builtin/prepare.js';
import type { PredictRequest, PredictResult } from '../../../main/inference/predictor.js';
import { runPredict } from '../../../main/inference/predictStep.js';
import { imageBox, imagePoint } from '../../../shared/sam/coords.js';
import { discImage, discMask, iou, type Disc } from './synthetic.js';

// The model frame is 1024 × 640; the "original" image is half that (512 × 320), so every click goes through
// ResizeLongestSide (×2) and every mask through the postprocess (÷2). Discs are in model-frame pixels.
const ORIG = { width: 512, height: 320 };
const RED: Disc = { x: 640, y: 220, r: 90, rgb: [200, 40, 40] };
const TWIN: Disc = { x: 300, y: 420, r: 80, rgb: [200, 40, 40] };
const BLUE: Disc = { x: 880, y: 500, r: 60, rgb: [40, 60, 200] };
const backend = createBuiltinClassicBackend();
let prepared: PreparedImage;

beforeAll(async () => {
  prepared = await backend.encode(discImage(1024, 640, [RED, TWIN, BLUE]), ORIG);
});

const truth = (d: Disc) => discMask(ORIG.width, ORIG.height, d, 2);
const at = (d: Disc) => imagePoint(d.x / 2, d.y / 2);

async function predict(request: PredictRequest): Promise<PredictResult> {
  return runPredict(backend, prepared, { height: ORIG.height, width: ORIG.width }, { upsample: {}, ...request });
}

function top(result: PredictResult): Uint8Array {
  const best = result.iouPredictions.indexOf(Math.max(...result.iouPredictions));
  const masks = result.masks?.masks;
  if (!masks) throw new Error('no masks');
  return masks[best].data;
}

describe('builtin-classic backend', () => {
  it('declares its id, grid and provider', () => {
    expect(backend.info).toEqual({ modelId: 'builtin-classic', lowResSize: 256, provider: 'cpu' });
  });

  it('segments the clicked disc, in original image pixels', async () => {
    const result = await predict({ pointCoords: [at(BLUE)], pointLabels: [1] });
    expect(iou(top(result), truth(BLUE))).toBeGreaterThan(0.9);
    // A model that read x and y swapped would click (250, 440): outside the 512 × 320 image.
    const red = await predict({ pointCoords: [at(RED)], pointLabels: [1] });
    expect(iou(top(red), truth(RED))).toBeGreaterThan(0.9);
  });

  it('returns three candidates of growing extent with scores in [0, 1], or one for multimaskOutput=false', async () => {
    const multi = await predict({ pointCoords: [at(RED)], pointLabels: [1] });
    expect(multi.indices).toEqual([1, 2, 3]);
    expect(multi.lowResLogits).toHaveLength(3 * 256 * 256);
    const areas = multi.masks?.areas ?? [];
    expect(areas[0]).toBeLessThanOrEqual(areas[1]);
    expect(areas[1]).toBeLessThanOrEqual(areas[2]);
    for (const s of multi.iouPredictions) expect(s).toBeGreaterThanOrEqual(0), expect(s).toBeLessThanOrEqual(1);
    const single = await predict({ pointCoords: [at(RED)], pointLabels: [1], multimaskOutput: false });
    expect(single.indices).toEqual([0]);
    expect(single.lowResLogits).toHaveLength(256 * 256);
    expect(iou(top(single), truth(RED))).toBeGreaterThan(0.9);
  });

  it('writes logits > 0 inside, < 0 outside and in the padding below the image', async () => {
    const result = await predict({ pointCoords: [at(BLUE)], pointLabels: [1], multimaskOutput: false });
    const logits = result.lowResLogits;
    // Cells of 4 model pixels: the disc centre is cell (220, 125); row 200 lies below the 640-pixel-high image.
    expect(logits[125 * 256 + 220]).toBeGreaterThan(0);
    expect(logits[20 * 256 + 20]).toBeLessThan(0);
    expect(logits[200 * 256 + 220]).toBeLessThan(0);
  });

  it('a negative click on a look-alike keeps it out', async () => {
    const both = await predict({ pointCoords: [at(RED), at(TWIN)], pointLabels: [1, 0] });
    const mask = top(both);
    const twin = truth(TWIN);
    expect(iou(mask, truth(RED))).toBeGreaterThan(0.85);
    expect(iou(mask, twin)).toBeLessThan(0.05);
  });

  it('segments the object inside a box prompt and nothing outside it', async () => {
    const box = imageBox((RED.x - RED.r - 10) / 2, (RED.y - RED.r - 10) / 2, (RED.x + RED.r + 10) / 2, (RED.y + RED.r + 10) / 2);
    const mask = top(await predict({ box }));
    expect(iou(mask, truth(RED))).toBeGreaterThan(0.85);
    let outside = 0;
    for (let y = 0; y < ORIG.height; y++) for (let x = 0; x < ORIG.width; x++) if (mask[y * ORIG.width + x] && (x < box.x0 - 2 || x > box.x1 + 2 || y < box.y0 - 2 || y > box.y1 + 2)) outside++;
    expect(outside).toBe(0);
  });

  it('refines from its own low-res logits passed back as mask_input', async () => {
    const first = await predict({ pointCoords: [at(BLUE)], pointLabels: [1], multimaskOutput: false });
    const again = await predict({ pointCoords: [at(BLUE)], pointLabels: [1], multimaskOutput: false, maskInput: first.lowResLogits });
    expect(iou(top(again), truth(BLUE))).toBeGreaterThan(0.9);
  });

  it('round-trips its prepared state through bytes for the disk cache', async () => {
    const bytes = backend.serialize(prepared);
    expect(backend.byteSize(prepared)).toBe(bytes.byteLength);
    const restored = backend.deserialize(bytes.slice());
    const request = { pointCoords: [at(RED), at(TWIN)], pointLabels: [1, 0] as (0 | 1)[] };
    const a = await runPredict(backend, prepared, { height: ORIG.height, width: ORIG.width }, request);
    const b = await runPredict(backend, restored, { height: ORIG.height, width: ORIG.width }, request);
    expect(b.lowResLogits).toEqual(a.lowResLogits);
    expect(b.iouPredictions).toEqual(a.iouPredictions);
    expect(() => backend.deserialize(bytes.subarray(0, 100))).toThrow(/builtin-classic/);
  });
});
