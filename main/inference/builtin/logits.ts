import { squaredDistanceToBoundary } from './distance.js';
import type { PreparedImage } from './prepare.js';

/** Logit written for padding cells and as the clamp of deep interior/exterior cells. */
export const LOGIT_CLAMP = 8;

/**
 * Turns a cell labelling into S×S logits over the padded model frame: a clamped signed distance (in cells) to the
 * labelling's boundary, ±0.5 on the two cells either side of it. Bilinear upsampling of such a field puts the
 * 0-crossing half-way between a foreground and a background cell, i.e. on the cut, with smooth contours.
 */
export function cellsToLogits(prep: PreparedImage, mask: Uint8Array, lowResSize: number, out: Float32Array, offset: number): void {
  const { gridW: w, gridH: h } = prep;
  const inv = new Uint8Array(mask.length);
  for (let c = 0; c < mask.length; c++) inv[c] = mask[c] ? 0 : 1;
  const inside = squaredDistanceToBoundary(mask, w, h, false);
  const outside = squaredDistanceToBoundary(inv, w, h, false);
  out.fill(-LOGIT_CLAMP, offset, offset + lowResSize * lowResSize);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = y * w + x;
      const v = mask[c] ? Math.sqrt(inside[c]) - 0.5 : 0.5 - Math.sqrt(outside[c]);
      out[offset + y * lowResSize + x] = Math.max(-LOGIT_CLAMP, Math.min(LOGIT_CLAMP, v));
    }
  }
}
