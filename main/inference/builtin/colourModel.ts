import type { PreparedImage } from './prepare.js';

/**
 * Palette histogram of a soft region set: each superpixel's histogram weighted by `weights[r]` (0 skips it).
 * The non-parametric colour model of foreground or background.
 */
export function histogram(prep: PreparedImage, weights: Float32Array): Float64Array {
  const hist = new Float64Array(prep.paletteSize);
  const { histStart, histBin, histCount } = prep;
  for (let r = 0; r < prep.count; r++) {
    const w = weights[r];
    if (w === 0) continue;
    for (let e = histStart[r]; e < histStart[r + 1]; e++) hist[histBin[e]] += w * histCount[e];
  }
  return hist;
}

/**
 * Per-region mean of log p(colour | fg) − log p(colour | bg) over its pixels. `alpha` (additive smoothing, in
 * pixels per bin) keeps a colour unseen by one model from being impossible.
 */
export function regionLogRatio(prep: PreparedImage, fg: Float64Array, bg: Float64Array, alpha: number): Float32Array {
  const k = prep.paletteSize;
  let sf = 0;
  let sb = 0;
  for (let b = 0; b < k; b++) {
    sf += fg[b];
    sb += bg[b];
  }
  const llr = new Float32Array(k);
  for (let b = 0; b < k; b++) llr[b] = Math.log((fg[b] + alpha) / (sf + k * alpha)) - Math.log((bg[b] + alpha) / (sb + k * alpha));
  const { histStart, histBin, histCount, size } = prep;
  const out = new Float32Array(prep.count);
  for (let r = 0; r < prep.count; r++) {
    let sum = 0;
    for (let e = histStart[r]; e < histStart[r + 1]; e++) sum += llr[histBin[e]] * histCount[e];
    out[r] = sum / size[r];
  }
  return out;
}
