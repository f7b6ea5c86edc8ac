/**
 * The editor's drawing surface: the only module tree that imports fabric (lint-enforced). It draws,
 * in paint order, accepted annotations, the hover preview, the chosen candidate, the prompt markers and
 * the box being dragged, over a transparent background: the photo itself is an <img> under the canvas
 * moved by the same view transform (imageTransform), so the browser's compositor pans and zooms it
 * instead of every frame redrawing up to 12 MP on the canvas. Everything is placed in image pixels; the
 * view transform is fabric's viewport transform, so pan and zoom move no object. It holds no editor
 * state: the features layer tells it what to show.
 */
import { Circle, FabricImage, Rect, StaticCanvas, type FabricObject } from 'fabric';
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

/** One fabric image per bitmap: re-showing an unchanged annotation costs no canvas work. */
const objects = new WeakMap<PlacedBitmap, FabricImage>();

function bitmapObject(bitmap: PlacedBitmap): FabricImage {
  const known = objects.get(bitmap);
  if (known) return known;
  const made = newBitmapObject(bitmap);
  objects.set(bitmap, made);
  return made;
}

/** A bitmap as a fabric image placed on the image's pixel grid. */
function newBitmapObject(bitmap: PlacedBitmap): FabricImage {
  const el = document.createElement('canvas');
  el.width = bitmap.width;
  el.height = bitmap.height;
  const ctx = el.getContext('2d');
  if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(bitmap.rgba), bitmap.width, bitmap.height), 0, 0);
  return new FabricImage(el, { ...fixed, left: bitmap.left, top: bitmap.top, scaleX: bitmap.scaleX, scaleY: bitmap.scaleY });
}

export class EditorStage {
  private readonly canvas: StaticCanvas;
  private view: ViewTransform = { scale: 1, x: 0, y: 0 };
  private annotations: FabricObject[] = [];
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
    this.canvas.setDimensions({ width: size.width, height: size.height });
    this.canvas.requestRenderAll();
  }

  /** Drops everything drawn for the previous image. */
  clear(): void {
    this.annotations = [];
    this.hover = null;
    this.candidate = null;
    this.prompts = [];
    this.box = null;
    this.restack();
  }

  setView(view: ViewTransform): void {
    this.view = view;
    this.canvas.setViewportTransform([view.scale, 0, 0, view.scale, view.x, view.y]);
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
    const next = bitmaps.map(bitmapObject);
    if (sameObjects(next, this.annotations)) return;
    this.annotations = next;
    this.restack();
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
    const ordered = [...this.annotations, this.hover, this.candidate, ...this.markers].filter((o): o is FabricObject => o !== null);
    this.canvas.remove(...this.canvas.getObjects());
    this.canvas.add(...ordered);
    this.canvas.requestRenderAll();
  }
}

function sameObjects(a: readonly FabricObject[], b: readonly FabricObject[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

/** CSS transform that puts an element of the image's size where the view shows the image. */
export function imageTransform(view: ViewTransform): string {
  return `matrix(${view.scale}, 0, 0, ${view.scale}, ${view.x}, ${view.y})`;
}
