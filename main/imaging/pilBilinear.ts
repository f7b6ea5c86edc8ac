/**
 * Pillow's BILINEAR resample (libImaging/Resample.c), reproduced in integer arithmetic so the result
 * is bit-identical to SAM's preprocessing (ResizeLongestSide.apply_image → torchvision resize →
 * PIL Image.resize(BILINEAR)). Used for upscaling: libvips' upsampler is corner-aligned, a half
 * output pixel off Pillow's centre-aligned grid.
 */
import type { Size } from '../../shared/sam/coords.js';
import type { RgbImage } from './rgbImage.js';

/** Resample.c: PRECISION_BITS = 32 - 8 - 2; coefficients are fixed point with this many bits. */
const PRECISION_BITS = 22;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

interface Coeffs {
  /** First input index of each output pixel's window. */
  readonly starts: Int32Array;
  /** Window length of each output pixel. */
  readonly counts: Int32Array;
  /** Fixed-point weights, `ksize` slots per output pixel. */
  readonly weights: Int32Array;
  readonly ksize: number;
}

const triangle = (x: number): number => (Math.abs(x) < 1 ? 1 - Math.abs(x) : 0);

/** precompute_coeffs + normalize_coeffs_8bpc for the bilinear filter (support 1). */
function precomputeCoeffs(inSize: number, outSize: number): Coeffs {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const ss = 1 / filterScale; // multiply by the reciprocal like C does: dividing can differ in the last bit
  const ksize = Math.ceil(support) * 2 + 1;
  const starts = new Int32Array(outSize);
  const counts = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let sum = 0;
    for (let x = 0; x < count; x++) sum += k[x] = triangle((x + xmin - center + 0.5) * ss);
    for (let x = 0; x < count; x++) {
      // Weights are never negative for a triangle, so C's round-half-away is trunc(+0.5).
      weights[xx * ksize + x] = Math.trunc(0.5 + (sum !== 0 ? k[x] / sum : k[x]) * ONE);
    }
    starts[xx] = xmin;
    counts[xx] = count;
  }
  return { starts, counts, weights, ksize };
}

/** C's clip8(ss >> PRECISION_BITS): sums stay below 2^31, so the int32 shift is exact. */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v > 255 ? 255 : v < 0 ? 0 : v;
}

/** ImagingResampleHorizontal_8bpc on RGB8: each output pixel sums its window along the row. */
function horizontalPass(src: Uint8Array, w0: number, h: number, w1: number, c: Coeffs): Uint8Array {
  const { starts, counts, weights, ksize } = c;
  const dst = new Uint8Array(w1 * h * 3);
  for (let y = 0; y < h; y++) {
    const row = y * w0 * 3;
    for (let x = 0; x < w1; x++) {
      let r = HALF, g = HALF, b = HALF;
      for (let t = 0, p = row + starts[x] * 3; t < counts[x]; t++, p += 3) {
        const w = weights[x * ksize + t];
        r += src[p] * w;
        g += src[p + 1] * w;
        b += src[p + 2] * w;
      }
      const q = (y * w1 + x) * 3;
      dst[q] = clip8(r);
      dst[q + 1] = clip8(g);
      dst[q + 2] = clip8(b);
    }
  }
  return dst;
}

/**
 * ImagingResampleVertical_8bpc: each output row is a weighted sum of a few input rows; walking
 * along the rows keeps memory access sequential (the sums and their order are those of the C code).
 */
function verticalPass(src: Uint8Array, w: number, h1: number, c: Coeffs): Uint8Array {
  const { starts, counts, weights, ksize } = c;
  const rowLen = w * 3;
  const dst = new Uint8Array(rowLen * h1);
  for (let y = 0; y < h1; y++) {
    const first = starts[y] * rowLen;
    const count = counts[y];
    const wBase = y * ksize;
    for (let k = 0, out = y * rowLen; k < rowLen; k++, out++) {
      let acc = HALF;
      for (let t = 0, p = first + k; t < count; t++, p += rowLen) acc += src[p] * weights[wBase + t];
      dst[out] = clip8(acc);
    }
  }
  return dst;
}

/** Pillow `Image.resize((w, h), Image.BILINEAR)` on RGB8 HWC: horizontal pass first, like ImagingResampleInner. */
export function resizeBilinearPil(image: RgbImage, target: Size): RgbImage {
  const { width: w0, height: h0 } = image;
  const { width: w1, height: h1 } = target;
  let data = image.data;
  if (w1 !== w0) data = horizontalPass(data, w0, h0, w1, precomputeCoeffs(w0, w1));
  if (h1 !== h0) data = verticalPass(data, w1, h1, precomputeCoeffs(h0, h1));
  return { width: w1, height: h1, data: data === image.data ? data.slice() : data };
}
