import { rgbToLab } from './lab.js';

/**
 * Colour quantisation into a per-image palette (k-means in Lab). Colour models become histograms over palette
 * entries, so fitting a model per click is a count, not an EM fit, and every pixel keeps its own colour in the model.
 */

/** Palette of `k` Lab colours fitted to a deterministic subsample of the image. */
export function fitPalette(lab: Float32Array, count: number, k: number, sampleSize: number, iterations: number): Float32Array {
  const stride = Math.max(1, Math.floor(count / sampleSize));
  const m = Math.floor(count / stride);
  const sample = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) sample.set(lab.subarray(i * stride * 3, i * stride * 3 + 3), i * 3);
  const centres = seedCentres(sample, m, k);
  const assign = new Uint16Array(m);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < m; i++) assign[i] = nearestCentre(sample, i, centres, k);
    updateCentres(sample, m, assign, centres, k);
  }
  return centres;
}

/** Farthest-point seeding (deterministic k-means++): spreads the initial centres over the colours present. */
function seedCentres(sample: Float32Array, m: number, k: number): Float32Array {
  const centres = new Float32Array(k * 3);
  const best = new Float32Array(m).fill(Infinity);
  let next = 0;
  for (let c = 0; c < k; c++) {
    centres.set(sample.subarray(next * 3, next * 3 + 3), c * 3);
    let far = 0;
    for (let i = 0; i < m; i++) {
      const d = dist2(sample, i, centres, c);
      if (d < best[i]) best[i] = d;
      if (best[i] > best[far]) far = i;
    }
    next = far;
  }
  return centres;
}

function updateCentres(sample: Float32Array, m: number, assign: Uint16Array, centres: Float32Array, k: number): void {
  const sum = new Float64Array(k * 3);
  const n = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const c = assign[i];
    n[c]++;
    for (let j = 0; j < 3; j++) sum[c * 3 + j] += sample[i * 3 + j];
  }
  for (let c = 0; c < k; c++) if (n[c] > 0) for (let j = 0; j < 3; j++) centres[c * 3 + j] = sum[c * 3 + j] / n[c];
}

function dist2(a: Float32Array, i: number, centres: Float32Array, c: number): number {
  const dl = a[3 * i] - centres[3 * c];
  const da = a[3 * i + 1] - centres[3 * c + 1];
  const db = a[3 * i + 2] - centres[3 * c + 2];
  return dl * dl + da * da + db * db;
}

function nearestCentre(a: Float32Array, i: number, centres: Float32Array, k: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < k; c++) {
    const d = dist2(a, i, centres, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * Palette index of every RGB8 pixel through a 15-bit RGB lookup table (32768 nearest-centre searches instead of
 * one per pixel; 3 dropped bits per channel are below JPEG noise).
 */
export function assignPalette(rgb: Uint8Array, count: number, centres: Float32Array, k: number): Uint8Array {
  const keys = new Uint8Array(32768 * 3);
  for (let key = 0; key < 32768; key++) {
    keys[3 * key] = ((key >> 10) << 3) | 4;
    keys[3 * key + 1] = (((key >> 5) & 31) << 3) | 4;
    keys[3 * key + 2] = ((key & 31) << 3) | 4;
  }
  const keyLab = rgbToLab(keys, 32768);
  const lut = new Uint8Array(32768);
  for (let key = 0; key < 32768; key++) lut[key] = nearestCentre(keyLab, key, centres, k);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = lut[((rgb[3 * i] >> 3) << 10) | ((rgb[3 * i + 1] >> 3) << 5) | (rgb[3 * i + 2] >> 3)];
  return out;
}
