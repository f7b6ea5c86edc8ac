import { describe, expect, it } from 'vitest';
import { buildDecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import { modelBox, modelPoint } from '../../../shared/sam/coords.js';
import { expectBadInput } from './expectBadInput.js';

// The truck example of SAM's onnx_model_example.ipynb: 1200x1800 image, click (500, 375) ->
// model frame (500*1024/1800, 375*683/1200) = (284.444..., 213.4375).
const origSize = { height: 1200, width: 1800 };
const click = modelPoint(284.44444444444446, 213.4375);

describe('buildDecoderFeeds', () => {
  it('appends the padding point (0,0) label -1 when there is no box', () => {
    const f = buildDecoderFeeds({ pointCoords: [click], pointLabels: [1], origSize });
    expect(f.numPoints).toBe(2);
    expect(Array.from(f.point_coords)).toEqual([Math.fround(284.44444444444446), 213.4375, 0, 0]);
    expect(Array.from(f.point_labels)).toEqual([1, -1]);
    expect(f.has_mask_input[0]).toBe(0);
    expect(f.mask_input.length).toBe(256 * 256);
    expect(f.mask_input.every((v) => v === 0)).toBe(true);
    // orig_im_size is (H, W), not (W, H).
    expect(Array.from(f.orig_im_size)).toEqual([1200, 1800]);
    expect(f.origSize).toEqual(origSize);
  });

  it('puts clicks first, then the box corners labelled 2 and 3, and no padding point', () => {
    const f = buildDecoderFeeds({
      pointCoords: [click, modelPoint(10, 20)],
      pointLabels: [1, 0],
      box: modelBox(100, 50, 400, 300),
      origSize,
    });
    expect(f.numPoints).toBe(4);
    expect(Array.from(f.point_coords)).toEqual([Math.fround(284.44444444444446), 213.4375, 10, 20, 100, 50, 400, 300]);
    expect(Array.from(f.point_labels)).toEqual([1, 0, 2, 3]);
  });

  it('accepts a box alone', () => {
    const f = buildDecoderFeeds({ box: modelBox(1, 2, 3, 4), origSize });
    expect(Array.from(f.point_coords)).toEqual([1, 2, 3, 4]);
    expect(Array.from(f.point_labels)).toEqual([2, 3]);
  });

  it('passes a mask input through (copied) with has_mask_input = 1', () => {
    const mask = new Float32Array(256 * 256).map((_, i) => (i % 7) - 3);
    const f = buildDecoderFeeds({ pointCoords: [click], pointLabels: [1], maskInput: mask, origSize });
    expect(f.has_mask_input[0]).toBe(1);
    expect(Array.from(f.mask_input.subarray(0, 8))).toEqual([-3, -2, -1, 0, 1, 2, 3, -3]);
    mask[0] = 99;
    expect(f.mask_input[0]).toBe(-3);
  });

  it('treats maskInput null like no mask and honours a custom lowResSize', () => {
    const f = buildDecoderFeeds({ pointCoords: [click], pointLabels: [1], maskInput: null, origSize, lowResSize: 4 });
    expect(f.mask_input.length).toBe(16);
    expect(f.has_mask_input[0]).toBe(0);
    const g = buildDecoderFeeds({ pointCoords: [click], pointLabels: [1], maskInput: new Float32Array(16), origSize, lowResSize: 4 });
    expect(g.has_mask_input[0]).toBe(1);
  });

  it('rejects bad prompts', () => {
    const p = [click];
    expectBadInput(() => buildDecoderFeeds({ origSize }));
    expectBadInput(() => buildDecoderFeeds({ pointCoords: [], pointLabels: [], origSize }));
    expectBadInput(() => buildDecoderFeeds({ pointCoords: p, origSize }));
    expectBadInput(() => buildDecoderFeeds({ pointCoords: p, pointLabels: [1, 1], origSize }));
    expectBadInput(() => buildDecoderFeeds({ pointLabels: [1], box: modelBox(0, 0, 1, 1), origSize }));
    for (const label of [2, 3, -1, 0.5, Number.NaN]) {
      expectBadInput(() => buildDecoderFeeds({ pointCoords: p, pointLabels: [label], origSize }));
    }
    expectBadInput(() => buildDecoderFeeds({ pointCoords: [modelPoint(Number.NaN, 1)], pointLabels: [1], origSize }));
    expectBadInput(() => buildDecoderFeeds({ pointCoords: [modelPoint(1, Infinity)], pointLabels: [1], origSize }));
  });

  it('rejects flipped or non-finite boxes instead of normalising them', () => {
    expectBadInput(() => buildDecoderFeeds({ box: modelBox(10, 0, 5, 5), origSize }));
    expectBadInput(() => buildDecoderFeeds({ box: modelBox(0, 10, 5, 5), origSize }));
    expectBadInput(() => buildDecoderFeeds({ box: modelBox(0, 0, Number.NaN, 5), origSize }));
    // A degenerate (zero-area) box is allowed: x0 <= x1 holds.
    expect(buildDecoderFeeds({ box: modelBox(5, 5, 5, 5), origSize }).numPoints).toBe(2);
  });

  it('rejects a mask input of the wrong length or with non-finite values', () => {
    const base = { pointCoords: [click], pointLabels: [1], origSize };
    expectBadInput(() => buildDecoderFeeds({ ...base, maskInput: new Float32Array(255 * 255) }));
    const nan = new Float32Array(256 * 256);
    nan[1000] = Number.NaN;
    expectBadInput(() => buildDecoderFeeds({ ...base, maskInput: nan }));
  });

  it('rejects bad sizes', () => {
    const base = { pointCoords: [click], pointLabels: [1] };
    expectBadInput(() => buildDecoderFeeds({ ...base, origSize: { height: 0, width: 10 } }));
    expectBadInput(() => buildDecoderFeeds({ ...base, origSize: { height: 10, width: 1.5 } }));
    expectBadInput(() => buildDecoderFeeds({ ...base, origSize, lowResSize: 0 }));
  });
});
