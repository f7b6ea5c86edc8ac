/**
 * What the stage draws, derived from editor state: bitmaps at a resolution that follows the zoom in
 * powers of two, cached so a pan (same zoom) or an unrelated change rasterises nothing again.
 */
import type { AnnotationRecord } from '../../editor/annotations.js';
import { darker, parseHex, rleBitmap, type MaskStyle, type PlacedBitmap, type Rgb } from '../../canvas/maskRaster.js';

/**
 * Raster pixels per image pixel for a view scale: the nearest power of √2, never above 1. Steps keep
 * bitmaps cached across small zooms; a step is at most ~19 % off the screen's own resolution.
 */
export function rasterScale(viewScale: number, pixelRatio: number): number {
  const wanted = Math.max(viewScale * pixelRatio, 1 / 64);
  return Math.min(1, Math.pow(2, Math.round(2 * Math.log2(wanted)) / 2));
}

export interface AnnotationLook {
  readonly color: string;
  readonly selected: boolean;
  /** Flagged for a person's look (imports, automatic batches): outlined amber, whatever its label's colour. */
  readonly needsReview?: boolean;
}

type Look = (a: AnnotationRecord) => AnnotationLook;

/**
 * Accepted annotations' bitmaps, per annotation (its pixels, colour and selection) and per raster step.
 * A zoom that changes the step must not stall a frame re-rasterising hundreds of masks: `current`
 * answers at once with a bitmap of another step where one exists (the canvas scales it), and `refine`
 * makes the exact ones a few at a time.
 */
export class AnnotationOverlayCache {
  private byAnnotation = new Map<string, Map<number, PlacedBitmap | null>>();

  current(items: readonly AnnotationRecord[], look: Look, scale: number): { bitmaps: PlacedBitmap[]; pending: AnnotationRecord[] } {
    const step = stepFor(scale);
    const next = new Map<string, Map<number, PlacedBitmap | null>>();
    const bitmaps: PlacedBitmap[] = [];
    const pending: AnnotationRecord[] = [];
    for (const a of items) {
      const key = annotationKey(a, look(a));
      const steps = this.byAnnotation.get(key) ?? new Map<number, PlacedBitmap | null>();
      next.set(key, steps);
      if (!steps.has(step) && steps.size > 0) pending.push(a);
      else if (!steps.has(step)) steps.set(step, rasterise(a, look(a), step));
      const bitmap = steps.has(step) ? steps.get(step) : [...steps.values()][0];
      if (bitmap) bitmaps.push(bitmap);
    }
    this.byAnnotation = next;
    return { bitmaps, pending };
  }

  /**
   * Makes one pending annotation's exact-step bitmap (one at a time, so the caller's time slice decides
   * how many fit); returns it, or null when the mask is empty or the annotation is no longer shown.
   */
  refine(a: AnnotationRecord, look: Look, scale: number): PlacedBitmap | null {
    const step = stepFor(scale);
    const steps = this.byAnnotation.get(annotationKey(a, look(a)));
    if (!steps) return null;
    const bitmap = steps.get(step) ?? rasterise(a, look(a), step);
    steps.set(step, bitmap);
    return bitmap;
  }
}

const stepFor = (scale: number): number => Math.max(1, Math.round(1 / scale));

const annotationKey = (a: AnnotationRecord, { color, selected, needsReview }: AnnotationLook): string =>
  `${a.annotationId}|${a.rle.counts.length}|${a.rle.counts.slice(0, 32)}|${color}|${selected}|${needsReview === true}`;

function rasterise(a: AnnotationRecord, look: AnnotationLook, step: number): PlacedBitmap | null {
  return rleBitmap(a.rle, a.bbox, step, styleFor(look));
}

const WHITE: Rgb = [255, 255, 255];
/** The list's review badge is this amber too. */
const REVIEW_OUTLINE: Rgb = [245, 158, 11];

function styleFor({ color, selected, needsReview }: AnnotationLook): MaskStyle {
  const rgb = parseHex(color);
  const outlineRgb = selected ? WHITE : needsReview ? REVIEW_OUTLINE : darker(rgb);
  return { rgb, fillAlpha: selected ? 0.6 : 0.4, outlineRgb };
}
