import { IMG_SIZE } from '../../../shared/sam/constants.js';
import type { PreparedImage } from './prepare.js';

/** |logit| of a cell wholly inside or outside; padding cells get -LOGIT_SCALE. */
export const LOGIT_SCALE = 4;

/**
 * Renders a region labelling as S×S logits over the padded model frame: each cell's logit is
 * 2·LOGIT_SCALE·(f − 0.5) where f is the fraction of its pixels in foreground regions. Bilinear upsampling then puts
 * the 0-crossing where the area fraction is one half, i.e. on the pixel boundary, not on the cell grid.
 */
export function regionsToLogits(prep: PreparedImage, mask: Uint8Array, lowResSize: number, out: Float32Array, offset: number): void {
  const cellPx = IMG_SIZE / lowResSize;
  const fg = new Float32Array(lowResSize * lowResSize);
  const all = new Float32Array(lowResSize * lowResSize);
  for (let y = 0, i = 0; y < prep.height; y++) {
    const row = Math.floor(y / cellPx) * lowResSize;
    for (let x = 0; x < prep.width; x++, i++) {
      const c = row + Math.floor(x / cellPx);
      all[c]++;
      fg[c] += mask[prep.labels[i]];
    }
  }
  for (let c = 0; c < fg.length; c++) {
    out[offset + c] = all[c] > 0 ? 2 * LOGIT_SCALE * (fg[c] / all[c] - 0.5) : -LOGIT_SCALE;
  }
}
