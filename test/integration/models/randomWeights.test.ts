import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../main/inference/engineClient.js';
import { imageBox, imagePoint } from '../../../shared/sam/coords.js';
import { lowResCandidate } from '../../../shared/sam/postprocess.js';
import { FIXTURES, tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { familyPairs } from './familyGraphs.js';

/**
 * The random-weight real graphs of ../shared/fixtures/sam-random through the engine: the SAM 2 decoder
 * (with a generated encoder of the SAM 2 contract: no SAM 2 encoder is shipped) and the single-mask SAM
 * decoder. Random weights: shapes, finiteness and determinism only, never mask content.
 */
let sam2: EngineClient;
let single: EngineClient;
let image: string;

beforeAll(async () => {
  const dir = tempDir('random-weights');
  image = join(dir, 'a.png');
  await writeTestImage(image, 640, 427);
  const encoderPath = join(dir, 'sam2_enc.onnx');
  writeFileSync(encoderPath, familyPairs().find((p) => p.family === 'sam2-samexporter')?.encoder ?? new Uint8Array());
  sam2 = await EngineClient.start({ model: { kind: 'onnx', encoderPath, decoderPath: join(FIXTURES, 'sam2_decoder_multi.onnx') }, cacheDir: tempDir('rw-cache') });
  single = await EngineClient.start({
    model: { kind: 'onnx', encoderPath: join(FIXTURES, 'mobile_sam_like_encoder.onnx'), decoderPath: join(FIXTURES, 'sam_decoder_single.onnx') },
    cacheDir: tempDir('rw-cache'),
  });
}, 120_000);

afterAll(() => {
  sam2?.close();
  single?.close();
});

const finite = (a: Float32Array) => a.every(Number.isFinite);

describe('random-weight SAM 2 decoder through the engine', () => {
  it('is recognised as SAM 2 and returns 3 candidates of 256² finite logits, deterministically', async () => {
    expect(sam2.info.family).toBe('sam2-samexporter');
    await sam2.setImage(image);
    const req = { pointCoords: [imagePoint(300, 200)], pointLabels: [1 as const], upsample: {} };
    const a = await sam2.predict(req);
    const b = await sam2.predict(req);
    expect(a.indices).toEqual([0, 1, 2]);
    expect(a.lowResLogits.length).toBe(3 * 256 * 256);
    expect(finite(a.lowResLogits)).toBe(true);
    expect(a.iouPredictions.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(b.lowResLogits)).toEqual(Array.from(a.lowResLogits));
    expect(a.masks?.masks.map((m) => [m.width, m.height])).toEqual([
      [640, 427],
      [640, 427],
      [640, 427],
    ]);
  });

  it('takes a box with points, and its own logits back as mask_input', async () => {
    await sam2.setImage(image);
    const first = await sam2.predict({ pointCoords: [imagePoint(300, 200)], pointLabels: [1], box: imageBox(100, 80, 500, 380) });
    const refined = await sam2.predict({ pointCoords: [imagePoint(300, 200)], pointLabels: [1], maskInput: lowResCandidate(first.lowResLogits, 0, 256), multimaskOutput: false });
    expect(refined.indices.length).toBe(1);
    expect(finite(refined.lowResLogits)).toBe(true);
    expect(Array.from(refined.lowResLogits)).not.toEqual(Array.from(first.lowResLogits.subarray(0, 256 * 256)));
  });
});

describe('random-weight single-mask SAM decoder through the engine', () => {
  it('returns its one mask for a multimask request', async () => {
    expect(single.info.family).toBe('sam1-hwc-preprocess-in-graph');
    await single.setImage(image);
    const r = await single.predict({ pointCoords: [imagePoint(300, 200)], pointLabels: [1], upsample: {} });
    expect(r.indices).toEqual([0]);
    expect(finite(r.lowResLogits)).toBe(true);
  });
});
