import { describe, expect, it } from 'vitest';
import { detectFamily, FAMILIES } from '../../../main/inference/families/index.js';
import type { GraphInfo } from '../../../main/inference/families/family.js';
import { graphInfo } from '../../../main/inference/families/graphInfo.js';
import { paddedToStretched, stretchedToPadded } from '../../../main/inference/families/frames.js';
import onnxProto from 'onnx-proto';
import { familyPairs } from '../../integration/models/familyGraphs.js';

const info = (bytes: Uint8Array): GraphInfo => graphInfo(onnxProto.onnx.ModelProto.decode(bytes));

describe('detectFamily', () => {
  const pairs = familyPairs();

  it('names every generated family pair, and no other family accepts it', () => {
    for (const p of pairs) {
      const enc = info(p.encoder);
      const dec = info(p.decoder);
      expect(detectFamily(enc, dec).id).toBe(p.family);
      const others = FAMILIES.filter((f) => f.id !== p.family && f.check(enc, dec) === null).map((f) => f.id);
      expect(others).toEqual([]);
    }
  });

  it('refuses swapped, doubled and cross-family pairs in one line', () => {
    const sam1 = pairs[0];
    const sam2 = pairs.find((p) => p.family === 'sam2-samexporter');
    expect(() => detectFamily(info(sam1.decoder), info(sam1.encoder))).toThrow(/swapped/);
    expect(() => detectFamily(info(sam1.encoder), info(sam1.encoder))).toThrow(/both files are encoders/);
    expect(() => detectFamily(info(sam1.decoder), info(sam1.decoder))).toThrow(/both files are decoders/);
    expect(() => detectFamily(info(sam1.encoder), info(sam2?.decoder ?? new Uint8Array()))).toThrow(/no known SAM family matches/);
    expect(() => detectFamily(info(sam1.encoder), info(sam1.decoder), 'efficientsam')).toThrow(/not a efficientsam pair: encoder has no input batched_images/);
  });

  it('refuses an encoder whose embedding does not fit the decoder', () => {
    const enc = info(pairs[0].encoder);
    const small: GraphInfo = { ...enc, outputs: enc.outputs.map((o) => ({ ...o, dims: [1, 256, 32, 32] })) };
    expect(() => detectFamily(small, info(pairs[0].decoder))).toThrow(/\[1,256,32,32\] does not fit decoder image_embeddings \[1,256,64,64\]/);
  });
});

describe('frame conversion between the stretched square and the padded frame', () => {
  it('round-trips a smooth logit field inside the image', () => {
    const orig = { width: 1000, height: 500 };
    const field = new Float32Array(256 * 256);
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) field[y * 256 + x] = 0.3 * x - 0.2 * y;
    const back = stretchedToPadded(paddedToStretched(field, 1, 256, orig), 1, 256, orig);
    // Inside the image (256 × 128 cells of the padded frame) a linear field survives both resamplings.
    for (let y = 1; y < 127; y++) for (let x = 1; x < 255; x++) expect(Math.abs(back[y * 256 + x] - field[y * 256 + x])).toBeLessThan(1e-3);
  });

  it('maps the stretched square onto the image part of the padded frame', () => {
    const orig = { width: 500, height: 1000 };
    const stretched = new Float32Array(256 * 256);
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) stretched[y * 256 + x] = x;
    const padded = stretchedToPadded(stretched, 1, 256, orig);
    // The image is 512 px wide in the padded frame (128 cells): stretched column 255 lands at cell ~127.
    expect(padded[100 * 256 + 127]).toBeCloseTo(254.5, 0);
    expect(padded[100 * 256 + 63]).toBeCloseTo(126.5, 0);
  });
});
