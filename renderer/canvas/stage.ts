/**
 * The editor's drawing surface: the only module tree that imports fabric (lint-enforced). It draws,
 * in paint order, accepted annotations, the hover preview, the chosen candidate, the prompt markers and
 * the box being dragged, over a transparent background: the photo itself is an <img> under the canvas
 * moved by the same view transform (imageTransform), so the browser's compositor pans and zooms it
 * instead of every frame redrawing up to 12 MP on the canvas. Everything is placed in image pixels; the
 * view transform is fabric's viewport transform, so pan and zoom move no object. It holds no editor
 * state: the features layer tells it what to show.
 */
import { Circle, FabricImage, FabricObject, Rect, StaticCanvas } from 'fabric';
import type { Size } from '../../shared/sam/coords.js';
import type { ViewTransform } from '../editor/viewTransform.js';
import type { PlacedBitmap } from './maskRaster.js';
import { sameBox, samePrompts, type BoxMarker, type PromptMarker } from './markers.js';

export type { BoxMarker, PromptMarker } from './markers.js';

/** Marker size on screen, whatever the zoom. */
const MARKER_RADIUS_PX = 5;
const INCLUDE = '#22c55e';
const EXCLUDE = '#ef4444';
const BOX = '#38bdf8';

/**
 * A User Timing mark after every frame the stage draws (the previous one cleared, so nothing piles up):
 * benchmarks and profilers see when pixels changed without reaching into the app.
 */
export const RENDER_MARK = 'samlabel:stage-rendered';

const fixed = { originX: 'left', originY: 'top', selectable: false, evented: false, objectCaching: false } as const;

/** One canvas per bitmap: re-showing an unchanged annotation costs no pixel work. */
const elements = new WeakMap<PlacedBitmap, HTMLCanvasElement>();

function bitmapElement(bitmap: PlacedBitmap): HTMLCanvasElement {
  const known = elements.get(bitmap);
  if (known) return known;
  const el = document.createElement('canvas');
  el.width = bitmap.width;
  el.height = bitmap.height;
  // ImageData takes the pixels as they are (no copy) unless they live in shared memory.
  const rgba = bitmap.rgba.buffer instanceof ArrayBuffer ? (bitmap.rgba as Uint8ClampedArray<ArrayBuffer>) : new Uint8ClampedArray(bitmap.rgba);
  el.getContext('2d')?.putImageData(new ImageData(rgba, bitmap.width, bitmap.height), 0, 0);
  elements.set(bitmap, el);
  return el;
}

/** One fabric image per bitmap (hover, candidate): re-showing the same one costs nothing. */
const objects = new WeakMap<PlacedBitmap, FabricImage>();

function bitmapObject(bitmap: PlacedBitmap): FabricImage {
  const known = objects.get(bitmap);
  if (known) return known;
  const made = new FabricImage(bitmapElement(bitmap), { ...fixed, left: bitmap.left, top: bitmap.top, scaleX: bitmap.scaleX, scaleY: bitmap.scaleY });
  objects.set(bitmap, made);
  return made;
}

/**
 * All accepted annotations as one fabric object that draws each bitmap with one drawImage (the same
 * placement a FabricImage gets: its box scaled onto the image's pixel grid, smoothed). As 200 fabric
 * images they cost every frame 200 on-screen tests, save/restores and transforms, and every change a
 * remove/add of 200 objects; a zoom frame waited for that. Bitmaps outside `shown` are not drawn.
 */
class AnnotationLayer extends FabricObject {
  bitmaps: readonly PlacedBitmap[] = [];
  shown: { x0: number; y0: number; x1: number; y1: number } | null = null;

  constructor() {
    super({ ...fixed });
  }

  override render(ctx: CanvasRenderingContext2D): void {
    if (this.bitmaps.length === 0) return;
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    for (const b of this.bitmaps) {
      const w = b.width * b.scaleX;
      const h = b.height * b.scaleY;
      const area = this.shown;
      if (area && (b.left >= area.x1 || b.top >= area.y1 || b.left + w <= area.x0 || b.top + h <= area.y0)) continue;
      // FabricImage's own arithmetic (scale about the centre): the same float rounding, the same edge pixels.
      ctx.save();
      ctx.transform(b.scaleX, 0, 0, b.scaleY, b.left + w / 2, b.top + h / 2);
      ctx.drawImage(bitmapElement(b), 0, 0, b.width, b.height, -b.width / 2, -b.height / 2, b.width, b.height);
      ctx.restore();
    }
    ctx.restore();
  }
}

export class EditorStage {
  private readonly canvas: StaticCanvas;
  private view: ViewTransform = { scale: 1, x: 0, y: 0 };
  private size: Size = { width: 0, height: 0 };
  private readonly annotations = new AnnotationLayer();
  private hover: FabricObject | null = null;
  private candidate: FabricObject | null = null;
  private prompts: readonly PromptMarker[] = [];
  private box: BoxMarker | null = null;
  private markers: FabricObject[] = [];

  constructor(element: HTMLCanvasElement) {
    this.canvas = new StaticCanvas(element, { renderOnAddRemove: false, enableRetinaScaling: true });
    this.canvas.on('after:render', () => {
      performance.clearMarks(RENDER_MARK);
      performance.mark(RENDER_MARK);
    });
  }

  resize(size: Size): void {
    this.size = size;
    this.canvas.setDimensions({ width: size.width, height: size.height });
    this.annotations.shown = this.shownArea();
    this.canvas.requestRenderAll();
  }

  /** Drops everything drawn for the previous image. */
  clear(): void {
    this.annotations.bitmaps = [];
    this.hover = null;
    this.candidate = null;
    this.prompts = [];
    this.box = null;
    this.restack();
  }

  setView(view: ViewTransform): void {
    this.view = view;
    this.canvas.setViewportTransform([view.scale, 0, 0, view.scale, view.x, view.y]);
    this.annotations.shown = this.shownArea();
    // Markers keep their on-screen size, so only they are rebuilt for the new scale.
    this.canvas.remove(...this.markers);
    this.markers = this.markerObjects();
    if (this.markers.length > 0) this.canvas.add(...this.markers);
    this.canvas.requestRenderAll();
  }

  /*
   * The setters redraw only on a change: React effects re-run them with equal content (an embedding
   * becoming ready, a label list re-read), and every redraw is a frame of fabric work and canvas
   * clearing that a click or pan would otherwise wait behind.
   */
  setAnnotations(bitmaps: readonly PlacedBitmap[]): void {
    if (sameItems(bitmaps, this.annotations.bitmaps)) return;
    this.annotations.bitmaps = bitmaps;
    this.canvas.requestRenderAll();
  }

  /** Makes a bitmap's pixels drawable now (callers slicing work between frames count it in their slice). */
  prepare(bitmap: PlacedBitmap): void {
    bitmapElement(bitmap);
  }

  setHover(bitmap: PlacedBitmap | null): void {
    const next = bitmap ? bitmapObject(bitmap) : null;
    if (next === this.hover) return;
    this.hover = next;
    this.restack();
  }

  setCandidate(bitmap: PlacedBitmap | null): void {
    const next = bitmap ? bitmapObject(bitmap) : null;
    if (next === this.candidate) return;
    this.candidate = next;
    this.restack();
  }

  setPrompts(prompts: readonly PromptMarker[], box: BoxMarker | null): void {
    if (samePrompts(prompts, this.prompts) && sameBox(box, this.box)) return;
    this.prompts = prompts;
    this.box = box;
    this.restack();
  }

  /** Draws now (not on the next frame): for callers that measure time to pixels. */
  renderNow(): void {
    this.canvas.renderAll();
  }

  dispose(): void {
    void this.canvas.dispose();
  }

  private markerObjects(): FabricObject[] {
    const r = MARKER_RADIUS_PX / this.view.scale;
    const stroke = 1.5 / this.view.scale;
    const out: FabricObject[] = this.prompts.map(
      (p) =>
        new Circle({
          ...fixed,
          originX: 'center',
          originY: 'center',
          left: p.point.x,
          top: p.point.y,
          radius: r,
          fill: p.label === 1 ? INCLUDE : EXCLUDE,
          stroke: '#ffffff',
          strokeWidth: stroke,
        }),
    );
    if (this.box) {
      const { x0, y0, x1, y1 } = this.box;
      out.push(new Rect({ ...fixed, left: x0, top: y0, width: x1 - x0, height: y1 - y0, fill: '', stroke: BOX, strokeWidth: 2 / this.view.scale, strokeUniform: false }));
    }
    return out;
  }

  private restack(): void {
    this.markers = this.markerObjects();
    const ordered = [this.annotations, this.hover, this.candidate, ...this.markers].filter((o): o is FabricObject => o !== null);
    this.canvas.remove(...this.canvas.getObjects());
    this.canvas.add(...ordered);
    this.canvas.requestRenderAll();
  }

  /** The image pixels the canvas shows (a pixel of margin for the smoothing at bitmap edges). */
  private shownArea(): { x0: number; y0: number; x1: number; y1: number } | null {
    const { scale, x, y } = this.view;
    if (this.size.width <= 0 || this.size.height <= 0) return null;
    const margin = 1 / scale;
    return { x0: -x / scale - margin, y0: -y / scale - margin, x1: (this.size.width - x) / scale + margin, y1: (this.size.height - y) / scale + margin };
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

/** CSS transform that puts an element of the image's size where the view shows the image. */
export function imageTransform(view: ViewTransform): string {
  return `matrix(${view.scale}, 0, 0, ${view.scale}, ${view.x}, ${view.y})`;
}
