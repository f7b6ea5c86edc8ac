/**
 * Pixel and frame conversions shared by the family adapters. The engine's frame is SAM 1's: the image
 * resized so its longest side is 1024 (aspect kept), padded bottom/right to a 1024² square. SAM 2 and
 * EfficientSAM stretch the image to a square instead (aspect not kept); their low-res logits are
 * resampled between the two frames here, so refinement, upsampling and AMG work unchanged for them.
 */
import { IMG_SIZE } from '../../../shared/sam/constants.js';
import type { Size } from '../../../shared/sam/coords.js';
import { getPreprocessShape } from '../../../shared/sam/resizeLongestSide.js';
import type { RgbImage } from '../backend.js';

export const SAM_MEAN = [123.675, 116.28, 103.53] as const;
export const SAM_STD = [58.395, 57.12, 57.375] as const;
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export function hwcFloat(image: RgbImage): Float32Array {
  return Float32Array.from(image.data);
}

/** [1,3,side,side] planes: (v·scale − mean)/std per channel, zeros after the image (SAM pads after normalising). */
export function nchwNormalized(image: RgbImage, side: number, scale: number, mean: readonly number[], std: readonly number[]): Float32Array {
  const out = new Float32Array(3 * side * side);
  const { width, height, data } = image;
  for (let c = 0; c < 3; c++) {
    const plane = c * side * side;
    for (let y = 0; y < Math.min(height, side); y++) {
      for (let x = 0; x < Math.min(width, side); x++) {
        out[plane + y * side + x] = (data[(y * width + x) * 3 + c] * scale - mean[c]) / std[c];
      }
    }
  }
  return out;
}

/** [1,3,H,W] planes of the image as it is, times `scale` (EfficientSAM takes 0..1). */
export function nchwPlanes<T extends Float32Array | Uint8Array>(image: RgbImage, out: T, scale = 1): T {
  const { width, height, data } = image;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    out[i] = data[i * 3] * scale;
    out[n + i] = data[i * 3 + 1] * scale;
    out[2 * n + i] = data[i * 3 + 2] * scale;
  }
  return out;
}

interface Taps {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w: Float32Array;
}

/** Half-pixel bilinear taps (align_corners=False, clamped) for `count` outputs reading src coordinate f(j). */
function taps(count: number, srcSize: number, srcCoord: (j: number) => number): Taps {
  const t = { i0: new Int32Array(count), i1: new Int32Array(count), w: new Float32Array(count) };
  for (let j = 0; j < count; j++) {
    const u = Math.min(Math.max(srcCoord(j), 0), srcSize - 1);
    const lo = Math.floor(u);
    t.i0[j] = lo;
    t.i1[j] = Math.min(lo + 1, srcSize - 1);
    t.w[j] = u - lo;
  }
  return t;
}

function resample(src: Float32Array, srcW: number, dst: Float32Array, dstW: number, dstH: number, tx: Taps, ty: Taps, channels = 1): void {
  for (let y = 0; y < dstH; y++) {
    const r0 = ty.i0[y] * srcW;
    const r1 = ty.i1[y] * srcW;
    const wy = ty.w[y];
    for (let x = 0; x < dstW; x++) {
      const wx = tx.w[x];
      for (let c = 0; c < channels; c++) {
        const a = src[(r0 + tx.i0[x]) * channels + c] * (1 - wx) + src[(r0 + tx.i1[x]) * channels + c] * wx;
        const b = src[(r1 + tx.i0[x]) * channels + c] * (1 - wx) + src[(r1 + tx.i1[x]) * channels + c] * wx;
        dst[(y * dstW + x) * channels + c] = a * (1 - wy) + b * wy;
      }
    }
  }
}

/** The image stretched to side×side (bilinear), HWC floats 0..255: SAM 2's "resize to 1024²". */
export function stretchHwc(image: RgbImage, side: number): Float32Array {
  const out = new Float32Array(side * side * 3);
  const tx = taps(side, image.width, (j) => ((j + 0.5) * image.width) / side - 0.5);
  const ty = taps(side, image.height, (j) => ((j + 0.5) * image.height) / side - 0.5);
  resample(Float32Array.from(image.data), image.width, out, side, side, tx, ty, 3);
  return out;
}

/** HWC floats → normalised NCHW planes. */
export function hwcToNormalizedNchw(hwc: Float32Array, side: number, scale: number, mean: readonly number[], std: readonly number[]): Float32Array {
  const n = side * side;
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[c * n + i] = (hwc[i * 3 + c] * scale - mean[c]) / std[c];
  }
  return out;
}

/** Size of the image inside the engine's padded frame. */
export const resizedSize = (origSize: Size): Size => getPreprocessShape(origSize, IMG_SIZE);

/** Low-res planes over the stretched square → the engine's padded frame (cells past the image repeat its edge). */
export function stretchedToPadded(planes: Float32Array, count: number, side: number, origSize: Size): Float32Array {
  const r = resizedSize(origSize);
  const cell = IMG_SIZE / side;
  const tx = taps(side, side, (j) => ((j + 0.5) * cell * IMG_SIZE) / r.width / cell - 0.5);
  const ty = taps(side, side, (j) => ((j + 0.5) * cell * IMG_SIZE) / r.height / cell - 0.5);
  return eachPlane(planes, count, side, tx, ty);
}

/** The inverse: an engine-frame mask_input → the stretched square a SAM 2 decoder reads. */
export function paddedToStretched(planes: Float32Array, count: number, side: number, origSize: Size): Float32Array {
  const r = resizedSize(origSize);
  const cell = IMG_SIZE / side;
  const tx = taps(side, side, (j) => ((j + 0.5) * cell * r.width) / IMG_SIZE / cell - 0.5);
  const ty = taps(side, side, (j) => ((j + 0.5) * cell * r.height) / IMG_SIZE / cell - 0.5);
  return eachPlane(planes, count, side, tx, ty);
}

function eachPlane(planes: Float32Array, count: number, side: number, tx: Taps, ty: Taps): Float32Array {
  const plane = side * side;
  const out = new Float32Array(count * plane);
  for (let k = 0; k < count; k++) {
    resample(planes.subarray(k * plane, (k + 1) * plane), side, out.subarray(k * plane, (k + 1) * plane), side, side, tx, ty);
  }
  return out;
}

/** Points of the engine frame (resized longest side) → the stretched square of side `side`. */
export function pointsToStretched(coords: Float32Array, origSize: Size, side: number): Float32Array {
  const r = resizedSize(origSize);
  const out = new Float32Array(coords.length);
  for (let i = 0; i < coords.length; i += 2) {
    out[i] = (coords[i] * side) / r.width;
    out[i + 1] = (coords[i + 1] * side) / r.height;
  }
  return out;
}

/** Drops the (0,0)/−1 padding point for graphs that add their own or take none. */
export function withoutPadding(coords: Float32Array, labels: Float32Array): { coords: Float32Array; labels: Float32Array; n: number } {
  const keep: number[] = [];
  labels.forEach((l, i) => l !== -1 && keep.push(i));
  return {
    coords: Float32Array.from(keep.flatMap((i) => [coords[2 * i], coords[2 * i + 1]])),
    labels: Float32Array.from(keep, (i) => labels[i]),
    n: keep.length,
  };
}
