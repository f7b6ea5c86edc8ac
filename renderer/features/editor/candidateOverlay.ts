/**
 * The chosen candidate and the hover preview as bitmaps: rasterised at the display step from the
 * candidate's logits, cached per candidate, so a pan or an unrelated change rasterises nothing again.
 */
import type { Size } from '../../../shared/sam/coords.js';
import type { Candidate } from '../../editor/candidates.js';
import { candidateBitmap, type MaskStyle, type PlacedBitmap } from '../../canvas/maskRaster.js';

export const CANDIDATE_STYLE: MaskStyle = { rgb: [59, 130, 246], fillAlpha: 0.45, outlineRgb: [255, 255, 255] };
export const HOVER_STYLE: MaskStyle = { rgb: [250, 204, 21], fillAlpha: 0.3, outlineRgb: [250, 204, 21] };

const candidateCache = new WeakMap<Float32Array, Map<string, PlacedBitmap | null>>();

export function candidateOverlay(candidate: Candidate, image: Size, scale: number, style: MaskStyle): PlacedBitmap | null {
  const byKey = candidateCache.get(candidate.logits) ?? new Map<string, PlacedBitmap | null>();
  candidateCache.set(candidate.logits, byKey);
  const key = `${scale}|${style.rgb.join(',')}`;
  if (!byKey.has(key)) byKey.set(key, candidateBitmap(candidate.logits, candidate.lowResSize, image, scale, style));
  return byKey.get(key) ?? null;
}
