/**
 * What the stage draws, derived from editor state: bitmaps at a resolution that follows the zoom in
 * powers of two, cached so a pan (same zoom) or an unrelated change rasterises nothing again.
 */
import type { Size } from '../../../shared/sam/coords.js';
import type { AnnotationRecord } from '../../editor/annotations.js';
import type { Candidate } from '../../editor/candidates.js';
import { candidateBitmap, darker, parseHex, rleBitmap, type MaskStyle, type PlacedBitmap } from '../../canvas/maskRaster.js';

export const CANDIDATE_STYLE: MaskStyle = { rgb: [59, 130, 246], fillAlpha: 0.45, outlineRgb: [255, 255, 255] };
export const HOVER_STYLE: MaskStyle = { rgb: [250, 204, 21], fillAlpha: 0.3, outlineRgb: [250, 204, 21] };

/** Raster pixels per image pixel for a view scale: the next power of two up, never above 1. */
export function rasterScale(viewScale: number, pixelRatio: number): number {
  const wanted = Math.max(viewScale * pixelRatio, 1 / 64);
  return Math.min(1, Math.pow(2, Math.ceil(Math.log2(wanted))));
}

const candidateCache = new WeakMap<Float32Array, Map<string, PlacedBitmap | null>>();

export function candidateOverlay(candidate: Candidate, image: Size, scale: number, style: MaskStyle): PlacedBitmap | null {
  const byKey = candidateCache.get(candidate.logits) ?? new Map<string, PlacedBitmap | null>();
  candidateCache.set(candidate.logits, byKey);
  const key = `${scale}|${style.rgb.join(',')}`;
  if (!byKey.has(key)) byKey.set(key, candidateBitmap(candidate.logits, candidate.lowResSize, image, scale, style));
  return byKey.get(key) ?? null;
}

export interface AnnotationLook {
  readonly color: string;
  readonly selected: boolean;
}

/** Accepted annotations' bitmaps by a key of everything that changes their pixels. */
export class AnnotationOverlayCache {
  private cache = new Map<string, PlacedBitmap | null>();

  bitmaps(items: readonly AnnotationRecord[], look: (a: AnnotationRecord) => AnnotationLook, scale: number): PlacedBitmap[] {
    const step = Math.max(1, Math.round(1 / scale));
    const next = new Map<string, PlacedBitmap | null>();
    const out: PlacedBitmap[] = [];
    for (const a of items) {
      const { color, selected } = look(a);
      const key = `${a.annotationId}|${a.rle.counts.length}|${a.rle.counts.slice(0, 32)}|${color}|${selected}|${step}`;
      const bitmap = this.cache.has(key) ? this.cache.get(key)! : rleBitmap(a.rle, a.bbox, step, styleFor(color, selected));
      next.set(key, bitmap);
      if (bitmap) out.push(bitmap);
    }
    this.cache = next;
    return out;
  }
}

function styleFor(color: string, selected: boolean): MaskStyle {
  const rgb = parseHex(color);
  return { rgb, fillAlpha: selected ? 0.6 : 0.4, outlineRgb: selected ? [255, 255, 255] : darker(rgb) };
}
