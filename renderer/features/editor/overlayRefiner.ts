/**
 * After a zoom changes the raster step, the exact bitmaps of accepted annotations are made in short
 * slices between frames, and only for annotations the view shows: zoomed in on a 4000×3000 image with
 * 200 masks, full-resolution bitmaps for all of them are ~50 MB of pixels and garbage collections that
 * held wheel frames behind 30–100 ms tasks, for masks nobody sees. One scrolled into view is refined
 * then. DOM-free: the time source, the task queue and the stage come in as a host.
 */
import type { Size } from '../../../shared/sam/coords.js';
import type { AnnotationRecord } from '../../editor/annotations.js';
import type { ViewTransform } from '../../editor/viewTransform.js';
import type { PlacedBitmap } from '../../canvas/maskRaster.js';
import type { AnnotationLook, AnnotationOverlayCache } from './overlays.js';

/** A rectangle of image pixels, [x0, x1) × [y0, y1). */
export interface ImageArea {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The image pixels a viewport (CSS pixels) shows under a view, widened by `margin` CSS pixels (a
 * smoothed bitmap bleeds up to half a raster pixel past its box); null before the element has a size.
 */
export function visibleArea(view: ViewTransform, viewport: Size, margin = 2): ImageArea | null {
  if (viewport.width <= 0 || viewport.height <= 0 || !(view.scale > 0)) return null;
  const { scale, x, y } = view;
  return { x0: (-x - margin) / scale, y0: (-y - margin) / scale, x1: (viewport.width - x + margin) / scale, y1: (viewport.height - y + margin) / scale };
}

/** Whether a bbox [x, y, w, h] meets the area (no area known: everything counts as shown). */
export function meets(bbox: readonly [number, number, number, number], area: ImageArea | null): boolean {
  if (!area) return true;
  return bbox[0] < area.x1 && bbox[0] + bbox[2] > area.x0 && bbox[1] < area.y1 && bbox[1] + bbox[3] > area.y0;
}

export interface RefineHost {
  now(): number;
  /** Runs `task` in a later task (after pending input and frames get their turn); returns a cancel. */
  later(task: () => void): () => void;
  /** Shows the annotations' bitmaps (the stage's setAnnotations). */
  show(bitmaps: readonly PlacedBitmap[]): void;
  /** Readies one bitmap for drawing, so its cost falls inside the slice rather than into a frame. */
  prepare(bitmap: PlacedBitmap): void;
}

type Look = (a: AnnotationRecord) => AnnotationLook;

export class OverlayRefiner {
  private items: readonly AnnotationRecord[] = [];
  private look: Look = () => ({ color: '#888888', selected: false });
  private scale = 1;
  private pending: readonly AnnotationRecord[] = [];
  private area: ImageArea | null = null;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly cache: AnnotationOverlayCache,
    private readonly host: RefineHost,
    private readonly sliceMs = 8,
  ) {}

  /** New annotations, looks or raster step: shows what is at hand now; exact bitmaps follow in slices. */
  set(items: readonly AnnotationRecord[], look: Look, scale: number): void {
    this.items = items;
    this.look = look;
    this.scale = scale;
    this.showCurrent();
    this.kick();
  }

  /** The shown part of the image moved (pan, zoom, resize): annotations that came into view get refined. */
  setArea(area: ImageArea | null): void {
    this.area = area;
    this.kick();
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private showCurrent(): void {
    const { bitmaps, pending } = this.cache.current(this.items, this.look, this.scale);
    this.pending = pending;
    this.host.show(bitmaps);
  }

  private kick(): void {
    if (this.cancel || !this.pending.some((a) => meets(a.bbox, this.area))) return;
    this.cancel = this.host.later(() => {
      this.cancel = null;
      this.slice();
    });
  }

  /** The annotations in view, in list order, as many as fit the slice (always one: the clock starts inside it). */
  private slice(): void {
    const until = this.host.now() + this.sliceMs;
    const todo = this.pending.filter((a) => meets(a.bbox, this.area));
    let made = 0;
    while (made < todo.length && this.host.now() < until) {
      const bitmap = this.cache.refine(todo[made], this.look, this.scale);
      if (bitmap) this.host.prepare(bitmap);
      made++;
    }
    if (made > 0) this.showCurrent();
    this.kick();
  }
}
