import { NO_PIXEL, type PreparedImage } from './prepare.js';

/**
 * Palette histogram of the pixels of the cells, each cell weighted by `weights[c]` (0 skips it):
 * the non-parametric colour model of a region.
 */
export function histogram(prep: PreparedImage, weights: Float32Array): Float64Array {
  const hist = new Float64Array(prep.k);
  const slots = prep.cellPx * prep.cellPx;
  const bins = prep.cellBins;
  for (let c = 0; c < weights.length; c++) {
    const w = weights[c];
    if (w === 0) continue;
    for (let s = c * slots, end = s + slots; s < end; s++) {
      const b = bins[s];
      if (b !== NO_PIXEL) hist[b] += w;
    }
  }
  return hist;
}

/**
 * Per-cell mean log-likelihood ratio log p(colour | fg) − log p(colour | bg) over the cell's pixels.
 * `alpha` (additive smoothing, in pixels per bin) keeps a colour unseen in one model from being impossible.
 */
export function cellLogRatio(prep: PreparedImage, fg: Float64Array, bg: Float64Array, alpha: number): Float32Array {
  const k = prep.k;
  const llr = new Float32Array(k);
  let sf = 0;
  let sb = 0;
  for (let b = 0; b < k; b++) {
    sf += fg[b];
    sb += bg[b];
  }
  for (let b = 0; b < k; b++) llr[b] = Math.log((fg[b] + alpha) / (sf + k * alpha)) - Math.log((bg[b] + alpha) / (sb + k * alpha));
  const slots = prep.cellPx * prep.cellPx;
  const cells = prep.gridW * prep.gridH;
  const out = new Float32Array(cells);
  const bins = prep.cellBins;
  for (let c = 0; c < cells; c++) {
    let sum = 0;
    let n = 0;
    for (let s = c * slots, end = s + slots; s < end; s++) {
      const b = bins[s];
      if (b === NO_PIXEL) continue;
      sum += llr[b];
      n++;
    }
    out[c] = n > 0 ? sum / n : 0;
  }
  return out;
}
