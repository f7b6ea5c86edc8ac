import { describe, expect, it } from 'vitest';
import { binarizeRegion, lowResCandidate, upsampleLogits } from '../../../shared/sam/postprocess.js';
import { applyCoords } from '../../../shared/sam/resizeLongestSide.js';
import { imagePoint } from '../../../shared/sam/coords.js';
import { expectBadInput } from './expectBadInput.js';
import { mulberry32 } from '../../../shared/random.js';

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function randomLogits(side: number, seed: number, amplitude = 10): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: side * side }, () => (rand() * 2 - 1) * amplitude);
}

/** One output index of torch's bilinear, align_corners=False, written out from UpSampleKernel.cpp. */
function torchIndex(dst: number, inSize: number, outSize: number): [number, number, number] {
  let src = (dst + 0.5) * (inSize / outSize) - 0.5;
  if (src < 0) src = 0;
  const i0 = Math.min(Math.floor(src), inSize - 1);
  const i1 = i0 < inSize - 1 ? i0 + 1 : i0;
  return [i0, i1, src - i0];
}

/** Naive 2-D torch F.interpolate(bilinear, align_corners=False) of src (inH×inW, row stride inStride), only at `region`. */
function torchResize(src: ArrayLike<number>, inH: number, inW: number, inStride: number, outH: number, outW: number, region: Rect) {
  const w = region.x1 - region.x0;
  const out = new Float64Array(w * (region.y1 - region.y0));
  for (let oy = region.y0; oy < region.y1; oy++) {
    const [y0, y1, ly] = torchIndex(oy, inH, outH);
    for (let ox = region.x0; ox < region.x1; ox++) {
      const [x0, x1, lx] = torchIndex(ox, inW, outW);
      const top = (1 - lx) * src[y0 * inStride + x0] + lx * src[y0 * inStride + x1];
      const bottom = (1 - lx) * src[y1 * inStride + x0] + lx * src[y1 * inStride + x1];
      out[(oy - region.y0) * w + (ox - region.x0)] = (1 - ly) * top + ly * bottom;
    }
  }
  return out;
}

/** SAM's postprocess_masks, literally: resize to 1024², crop to the preprocessed shape, resize to (H, W). */
function referencePostprocess(low: Float32Array, s: number, h: number, w: number, region?: Rect): Float64Array {
  const frame = torchResize(low, s, s, s, 1024, 1024, { x0: 0, y0: 0, x1: 1024, y1: 1024 });
  // get_preprocess_shape written out again here, independent of the module under test.
  const scale = 1024 / Math.max(h, w);
  const newH = Math.floor(h * scale + 0.5);
  const newW = Math.floor(w * scale + 0.5);
  // The crop keeps row stride 1024: rows [0, newH), columns [0, newW) of the frame.
  return torchResize(frame, newH, newW, 1024, h, w, region ?? { x0: 0, y0: 0, x1: w, y1: h });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('upsampleLogits vs a naive torch-style reference', () => {
  const wholeCases: Array<[number, number, number]> = [
    [683, 1024, 1],
    [1024, 683, 2],
    [37, 53, 3],
    [1, 1, 4],
    [1, 1000, 5],
    [480, 640, 6],
  ];
  it.each(wholeCases)('%ix%i whole image', (h, w, seed) => {
    const low = randomLogits(256, seed);
    const ours = upsampleLogits(low, 256, { height: h, width: w });
    expect(ours.length).toBe(h * w);
    expect(maxAbsDiff(ours, referencePostprocess(low, 256, h, w))).toBeLessThan(1e-4);
  });

  const regionCases: Array<[number, number, Rect]> = [
    [1500, 2250, { x0: 1000, y0: 600, x1: 1300, y1: 800 }],
    [1500, 2250, { x0: 0, y0: 0, x1: 37, y1: 29 }],
    [1500, 2250, { x0: 2200, y0: 1450, x1: 2250, y1: 1500 }],
    [683, 1024, { x0: 5, y0: 600, x1: 1024, y1: 683 }],
    [37, 53, { x0: 10, y0: 3, x1: 11, y1: 30 }],
  ];
  it.each(regionCases)('%ix%i region %o', (h, w, region) => {
    const low = randomLogits(256, h + region.x0);
    const ours = upsampleLogits(low, 256, { height: h, width: w }, region);
    expect(ours.length).toBe((region.x1 - region.x0) * (region.y1 - region.y0));
    expect(maxAbsDiff(ours, referencePostprocess(low, 256, h, w, region))).toBeLessThan(1e-4);
  });

  it('handles a non-default low-res side', () => {
    const low = randomLogits(64, 9);
    const ours = upsampleLogits(low, 64, { height: 300, width: 200 });
    const ref = (() => {
      const frame = torchResize(low, 64, 64, 64, 1024, 1024, { x0: 0, y0: 0, x1: 1024, y1: 1024 });
      return torchResize(frame, 1024, 683, 1024, 300, 200, { x0: 0, y0: 0, x1: 200, y1: 300 });
    })();
    expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-4);
  });

  it('gives a region exactly the matching window of the whole image', () => {
    const low = randomLogits(256, 11);
    const size = { height: 333, width: 500 };
    const whole = upsampleLogits(low, 256, size);
    const region = { x0: 17, y0: 40, x1: 321, y1: 290 };
    const part = upsampleLogits(low, 256, size, region);
    const w = region.x1 - region.x0;
    for (let y = region.y0; y < region.y1; y++) {
      const expected = whole.subarray(y * 500 + region.x0, y * 500 + region.x1);
      expect(part.subarray((y - region.y0) * w, (y - region.y0 + 1) * w)).toEqual(expected);
    }
  });

  it('returns an empty array for an empty region', () => {
    const low = randomLogits(256, 12);
    expect(upsampleLogits(low, 256, { height: 10, width: 10 }, { x0: 3, y0: 3, x1: 3, y1: 8 }).length).toBe(0);
  });

  it('rejects bad input', () => {
    const low = randomLogits(256, 13);
    const size = { height: 10, width: 20 };
    expectBadInput(() => upsampleLogits(low.subarray(1), 256, size));
    expectBadInput(() => upsampleLogits(low, 0, size));
    expectBadInput(() => upsampleLogits(low, 256, { height: 0, width: 5 }));
    expectBadInput(() => upsampleLogits(low, 256, size, { x0: 0, y0: 0, x1: 21, y1: 10 }));
    expectBadInput(() => upsampleLogits(low, 256, size, { x0: -1, y0: 0, x1: 5, y1: 10 }));
    expectBadInput(() => upsampleLogits(low, 256, size, { x0: 5, y0: 0, x1: 4, y1: 10 }));
    expectBadInput(() => upsampleLogits(low, 256, size, { x0: 0.5, y0: 0, x1: 4, y1: 10 }));
    const nan = new Float32Array(low);
    nan[77] = Number.NaN;
    expectBadInput(() => upsampleLogits(nan, 256, size));
  });
});

/**
 * Counts from the reference logits. Pixels within `eps` of a threshold may legitimately land on either
 * side (float32 vs float64 rounding), so they are counted separately and allowed as slack.
 */
function referenceCounts(ref: Float64Array, thr: number, offset: number, eps = 1e-3) {
  const c = { area: 0, hi: 0, lo: 0, ambMask: 0, ambHi: 0, ambLo: 0 };
  for (const v of ref) {
    if (v > thr) c.area++;
    if (v > thr + offset) c.hi++;
    if (v > thr - offset) c.lo++;
    if (Math.abs(v - thr) < eps) c.ambMask++;
    if (Math.abs(v - thr - offset) < eps) c.ambHi++;
    if (Math.abs(v - thr + offset) < eps) c.ambLo++;
  }
  return c;
}

function checkBinarized(low: Float32Array, h: number, w: number, region: Rect | undefined, thr = 0, offset = 1) {
  const ref = referencePostprocess(low, 256, h, w, region);
  const out = binarizeRegion(low, 256, { height: h, width: w }, region, { maskThreshold: thr, stabilityScoreOffset: offset });
  const rw = region ? region.x1 - region.x0 : w;
  const rh = region ? region.y1 - region.y0 : h;
  expect([out.mask.height, out.mask.width, out.mask.data.length]).toEqual([rh, rw, rw * rh]);
  let clearMismatches = 0;
  let ones = 0;
  for (let i = 0; i < ref.length; i++) {
    ones += out.mask.data[i];
    const wrong = out.mask.data[i] !== (ref[i] > thr ? 1 : 0);
    if (wrong && Math.abs(ref[i] - thr) >= 1e-3) clearMismatches++;
  }
  expect(clearMismatches).toBe(0);
  const c = referenceCounts(ref, thr, offset);
  expect(ones).toBe(out.area);
  expect(Math.abs(out.area - c.area)).toBeLessThanOrEqual(c.ambMask);
  // Stability from the reference counts, with the ambiguous pixels as slack on both counts.
  const lowest = (c.hi - c.ambHi) / Math.max(1, c.lo + c.ambLo);
  const highest = c.lo - c.ambLo > 0 ? (c.hi + c.ambHi) / (c.lo - c.ambLo) : 1;
  expect(out.stabilityScore).toBeGreaterThanOrEqual(Math.min(lowest, 1) - 1e-12);
  expect(out.stabilityScore).toBeLessThanOrEqual(highest + 1e-12);
  return { out, c };
}

/** A smooth blob: logits R - distance (in low-res pixels), far from 0 except near the boundary. */
function blobLogits(cx: number, cy: number, radius: number, side = 256): Float32Array {
  const low = new Float32Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) low[y * side + x] = radius - Math.hypot(x - cx, y - cy);
  return low;
}

describe('binarizeRegion', () => {
  it('matches the reference threshold, area and stability on noisy logits', () => {
    const { c } = checkBinarized(randomLogits(256, 21, 3), 683, 1024, undefined);
    expect(c.area).toBeGreaterThan(1000); // the case is not degenerate
  });

  it('matches on a smooth blob (block skipping path) for a whole image and a region', () => {
    const low = blobLogits(120, 70, 40);
    const whole = checkBinarized(low, 768, 1024, undefined);
    expect(whole.c.ambMask).toBeLessThan(50);
    // The stability here is well defined: the reference with no ambiguity is exact.
    expect(whole.out.stabilityScore).toBeCloseTo(whole.c.hi / whole.c.lo, 3);
    checkBinarized(low, 1500, 2000, { x0: 600, y0: 100, x1: 1400, y1: 700 });
  });

  it('honours a custom threshold and offset', () => {
    checkBinarized(blobLogits(100, 100, 30), 480, 640, undefined, 2.5, 4);
    checkBinarized(randomLogits(256, 22, 6), 37, 53, undefined, -1, 0.5);
  });

  it('matches the stability brute-forced from upsampleLogits', () => {
    const low = randomLogits(256, 23, 2);
    const size = { height: 200, width: 300 };
    const region = { x0: 20, y0: 30, x1: 220, y1: 180 };
    const logits = upsampleLogits(low, 256, size, region);
    let hi = 0;
    let lo = 0;
    for (const v of logits) {
      hi += v > 1 ? 1 : 0;
      lo += v > -1 ? 1 : 0;
    }
    const out = binarizeRegion(low, 256, size, region);
    expect(out.stabilityScore).toBe(hi / lo);
    expect(out.mask.data).toEqual(Uint8Array.from(logits, (v) => (v > 0 ? 1 : 0)));
  });

  it('decides uniform logits: all inside gives stability 1, all outside gives area 0 and stability 0 (SAM: NaN)', () => {
    const size = { height: 300, width: 400 };
    const inside = binarizeRegion(new Float32Array(256 * 256).fill(5), 256, size);
    expect([inside.area, inside.stabilityScore]).toEqual([120000, 1]);
    expect(inside.mask.data.every((v) => v === 1)).toBe(true);
    const outside = binarizeRegion(new Float32Array(256 * 256).fill(-5), 256, size);
    expect([outside.area, outside.stabilityScore]).toEqual([0, 0]);
    // Between the thresholds: inside the mask, counted in unions only.
    const between = binarizeRegion(new Float32Array(256 * 256).fill(0.5), 256, size);
    expect([between.area, between.stabilityScore]).toEqual([120000, 0]);
  });

  it('puts a disc prompted at an image point back around that point (geometry end to end)', () => {
    // A 1200x1800 image: point -> model frame by applyCoords; the low-res logits are a disc of radius
    // 60 model px around it, sampled at low-res pixel centres ((j + 0.5) * 4 in the 1024 frame).
    const size = { height: 1200, width: 1800 };
    const point = imagePoint(1234.5, 345.5);
    const [m] = applyCoords([point], size);
    const low = new Float32Array(256 * 256);
    for (let j = 0; j < 256; j++) {
      for (let i = 0; i < 256; i++) low[j * 256 + i] = 60 - Math.hypot((i + 0.5) * 4 - m.x, (j + 0.5) * 4 - m.y);
    }
    const { mask, area } = binarizeRegion(low, 256, size);
    let sx = 0;
    let sy = 0;
    for (let y = 0; y < size.height; y++) {
      for (let x = 0; x < size.width; x++) {
        if (mask.data[y * size.width + x]) {
          sx += x + 0.5; // pixel centre, the frame points live in
          sy += y + 0.5;
        }
      }
    }
    // Radius 60 model px = 60 * 1800/1024 = 105.5 image px: area pi r^2 ~ 34950.
    expect(area / (Math.PI * 105.47 ** 2)).toBeGreaterThan(0.97);
    expect(area / (Math.PI * 105.47 ** 2)).toBeLessThan(1.03);
    expect(Math.abs(sx / area - point.x)).toBeLessThan(0.5);
    expect(Math.abs(sy / area - point.y)).toBeLessThan(0.5);
  });
});

describe('lowResCandidate', () => {
  it('copies candidate i out of a [n, S, S] buffer', () => {
    const all = Float32Array.from({ length: 3 * 16 }, (_, i) => i);
    const c1 = lowResCandidate(all, 1, 4);
    expect(Array.from(c1)).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i));
    all[16] = -1;
    expect(c1[0]).toBe(16);
  });

  it('rejects bad indices and shapes', () => {
    const all = new Float32Array(3 * 16);
    expectBadInput(() => lowResCandidate(all, 3, 4));
    expectBadInput(() => lowResCandidate(all, -1, 4));
    expectBadInput(() => lowResCandidate(all, 0.5, 4));
    expectBadInput(() => lowResCandidate(all, 0, 5));
    expectBadInput(() => lowResCandidate(all, 0, 0));
  });
});
