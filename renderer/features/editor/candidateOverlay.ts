/**
 * The chosen candidate and the hover preview as bitmaps: rasterised at the display step from the
 * candidate's logits, cached per candidate, so a pan or an unrelated change rasterises nothing again.
 * A candidate whose exact logits have not arrived yet is drawn from its low-res cells meanwhile.
 */
import type { Size } from '../../../shared/sam/coords.js';
import type { Candidate } from '../../editor/candidates.js';
import { candidateBitmap, cellsBitmap, type MaskStyle, type PlacedBitmap } from '../../canvas/maskRaster.js';

export const CANDIDATE_STYLE: MaskStyle = { rgb: [59, 130, 246], fillAlpha: 0.45, outlineRgb: [255, 255, 255] };
export const HOVER_STYLE: MaskStyle = { rgb: [250, 204, 21], fillAlpha: 0.3, outlineRgb: [250, 204, 21] };

const candidateCache = new WeakMap<object, Map<string, PlacedBitmap | null>>();

export function candidateOverlay(candidate: Candidate, image: Size, scale: number, style: MaskStyle): PlacedBitmap | null {
  const source = candidate.logits ?? candidate.cells;
  const byKey = candidateCache.get(source) ?? new Map<string, PlacedBitmap | null>();
  candidateCache.set(source, byKey);
  const key = `${candidate.logits ? scale : 'cells'}|${style.rgb.join(',')}`;
  if (!byKey.has(key)) byKey.set(key, draw(candidate, image, scale, style));
  return byKey.get(key) ?? null;
}

function draw(candidate: Candidate, image: Size, scale: number, style: MaskStyle): PlacedBitmap | null {
  if (candidate.logits) return candidateBitmap(candidate.logits, candidate.lowResSize, image, scale, style);
  return cellsBitmap(candidate.cells, candidate.grid, candidate.lowResSize, image, style);
}
