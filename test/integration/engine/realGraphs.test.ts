import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { imageBox, imagePoint } from '../../../shared/sam/coords.js';
import { lowResCandidate } from '../../../shared/sam/postprocess.js';
import type { EngineClient } from '../../../main/inference/engineClient.js';
import { FIXTURES, SAMPLES, startOnnx } from '../../helpers/engineHarness.js';

// Random-weight real SAM graphs: the contract and shapes are real, the mask content is noise.
const ENCODER = join(FIXTURES, 'mobile_sam_like_encoder.onnx');
const TRUCK = join(SAMPLES, 'truck.jpg');
const allFinite = (a: ArrayLike<number>): boolean => Array.prototype.every.call(a, Number.isFinite) as boolean;

describe.each([
  { decoder: 'sam_decoder_multi.onnx', multi: [1, 2, 3], single: [0] },
  { decoder: 'sam_decoder_single.onnx', multi: [0], single: [0] },
])('the real SAM decoder $decoder with the MobileSAM-cost encoder', ({ decoder, multi, single }) => {
  let client: EngineClient;

  beforeAll(async () => {
    client = await startOnnx(ENCODER, join(FIXTURES, decoder));
  });
  afterAll(() => client?.close());

  it('loads, encodes a real photo and decodes points, a box and mask_input', async () => {
    const set = await client.setImage(TRUCK);
    expect(set.width).toBeGreaterThan(0);
    const first = await client.predict({ pointCoords: [imagePoint(500, 375)], pointLabels: [1], upsample: {} });
    expect(first.indices).toEqual(multi);
    expect(first.lowResLogits.length).toBe(multi.length * 256 * 256);
    expect(allFinite(first.lowResLogits) && allFinite(first.iouPredictions)).toBe(true);
    expect(first.masks?.masks[0].width).toBe(set.width);
    const points = [imagePoint(500, 375), imagePoint(100, 100), imagePoint(900, 500), imagePoint(300, 600), imagePoint(700, 200)];
    const refined = await client.predict({
      pointCoords: points,
      pointLabels: [1, 0, 1, 0, 1],
      box: imageBox(50, 50, 1200, 700),
      maskInput: lowResCandidate(first.lowResLogits, 0, 256),
      multimaskOutput: false,
    });
    expect(refined.indices).toEqual(single);
    expect(allFinite(refined.lowResLogits)).toBe(true);
  });

  it('is deterministic and mask_input changes the answer', async () => {
    await client.setImage(TRUCK);
    const req = { pointCoords: [imagePoint(500, 375)], pointLabels: [1 as const] };
    const a = await client.predict(req);
    const b = await client.predict(req);
    expect(Array.from(b.lowResLogits)).toEqual(Array.from(a.lowResLogits));
    const withMask = await client.predict({ ...req, maskInput: lowResCandidate(a.lowResLogits, 0, 256).map((v) => v * 50) });
    expect(Array.from(withMask.lowResLogits)).not.toEqual(Array.from(a.lowResLogits));
  });
});

describe('models that are missing or wrong', () => {
  it('reports a missing file as ModelMissing', async () => {
    await expect(startOnnx('/no/such/encoder.onnx', join(FIXTURES, 'sam_decoder_multi.onnx'))).rejects.toMatchObject({ code: 'ModelMissing' });
  });

  it('reports swapped encoder and decoder as ModelInvalid, saying the order', async () => {
    const started = startOnnx(join(FIXTURES, 'sam_decoder_multi.onnx'), ENCODER);
    await expect(started).rejects.toMatchObject({ code: 'ModelInvalid', message: expect.stringContaining('in that order') });
  });

  it('reports a SAM 2 decoder given as a SAM decoder as ModelInvalid', async () => {
    const started = startOnnx(ENCODER, join(FIXTURES, 'sam2_decoder_multi.onnx'));
    await expect(started).rejects.toMatchObject({ code: 'ModelInvalid' });
  });

  it('reports a file that is not ONNX as ModelInvalid', async () => {
    await expect(startOnnx(TRUCK, join(FIXTURES, 'sam_decoder_multi.onnx'))).rejects.toMatchObject({ code: 'ModelInvalid' });
  });
});

describe('cancelling a real encode', () => {
  it('kills the blocked encoder run, rejects with EngineCancelled and serves the next image', async () => {
    const client = await startOnnx(ENCODER, join(FIXTURES, 'sam_decoder_multi.onnx'));
    try {
      const abort = new AbortController();
      // The engine answers only after 'started', so aborting on it always lands inside the encode.
      client.once('started', () => abort.abort());
      const encoding = client.setImage(join(SAMPLES, 'dog.jpg'), { signal: abort.signal });
      await expect(encoding).rejects.toMatchObject({ code: 'EngineCancelled' });
      const set = await client.setImage(TRUCK);
      expect(set.cache).toBe('miss');
      expect((await client.stats()).encoderRuns).toBe(1);
    } finally {
      client.close();
    }
  });
});

describe('execution providers', () => {
  it('falls back to CPU with a visible warning when the asked provider cannot load', async () => {
    const { EngineClient } = await import('../../../main/inference/engineClient.js');
    const { tempDir } = await import('../../helpers/engineHarness.js');
    const warnings: string[] = [];
    const client = await EngineClient.start({
      model: { kind: 'onnx', encoderPath: ENCODER, decoderPath: join(FIXTURES, 'sam_decoder_multi.onnx') },
      runtime: { provider: 'tensorrt', threads: 1 },
      cacheDir: tempDir('ep'),
    });
    try {
      warnings.push(...client.warnings);
      expect(client.info.provider).toBe('cpu');
      expect(warnings.join('\n')).toMatch(/tensorrt execution provider unavailable .* running on CPU/);
      await client.setImage(TRUCK);
      expect((await client.predict({ pointCoords: [imagePoint(10, 10)], pointLabels: [1] })).indices).toEqual([1, 2, 3]);
    } finally {
      client.close();
    }
  });
});
