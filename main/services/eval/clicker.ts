import { squaredDistanceToBoundary } from '../../inference/builtin/distance.js';
import type { GroundTruth } from './groundTruth.js';

/** A simulated user click in original image pixels (pixel index; the predictor gets the pixel centre). */
export interface Click {
  readonly x: number;
  readonly y: number;
  readonly positive: boolean;
}

/**
 * The next click of the standard protocol (RITM / FocalClick `get_next_click`): take the false-negative and
 * false-positive regions outside the ignore area, find each one's deepest pixel (distance to the region's boundary,
 * image border included), and click the deeper one: positive in a false negative, negative in a false positive.
 * Ties go to the false positive, as in RITM (`is_positive = fn_max_dist > fp_max_dist`); the first deepest pixel in
 * row-major order wins. `prediction` null means "nothing predicted yet" (the first click). Returns null when the
 * prediction has no error left.
 */
export function nextClick(gt: GroundTruth, prediction: Uint8Array | null): Click | null {
  const { width, height } = gt;
  const n = width * height;
  const fn = new Uint8Array(n);
  const fp = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (gt.ignore[i]) continue;
    const p = prediction !== null && prediction[i] !== 0;
    if (gt.object[i] && !p) fn[i] = 1;
    else if (!gt.object[i] && p) fp[i] = 1;
  }
  const deepFn = deepestPixel(squaredDistanceToBoundary(fn, width, height, true));
  const deepFp = deepestPixel(squaredDistanceToBoundary(fp, width, height, true));
  if (deepFn.depth === 0 && deepFp.depth === 0) return null;
  const positive = deepFn.depth > deepFp.depth;
  const best = positive ? deepFn : deepFp;
  return { x: best.index % width, y: Math.floor(best.index / width), positive };
}

function deepestPixel(dist: Float32Array): { index: number; depth: number } {
  let index = 0;
  let depth = 0;
  for (let i = 0; i < dist.length; i++) {
    if (dist[i] > depth) {
      depth = dist[i];
      index = i;
    }
  }
  return { index, depth };
}
