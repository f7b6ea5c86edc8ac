/**
 * The editor's view: how image pixels map onto the editor element. A CanvasPoint is a CSS pixel
 * offset inside the element; an ImagePoint is an original image pixel (after EXIF orientation).
 * Image pixel (x, y) sits at canvas (x·scale + x0, y·scale + y0); only this file converts.
 */
import { imagePoint, type ImagePoint, type Size } from '../../shared/sam/coords.js';

declare const canvasBrand: unique symbol;
export type CanvasPoint = { readonly x: number; readonly y: number; readonly [canvasBrand]: true };
export const canvasPoint = (x: number, y: number): CanvasPoint => ({ x, y }) as CanvasPoint;

export interface ViewTransform {
  /** CSS pixels per image pixel. */
  readonly scale: number;
  /** Canvas offset of image pixel (0, 0). */
  readonly x: number;
  readonly y: number;
}

export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 64;
/** Free border kept around a fitted image, in CSS pixels. */
export const FIT_MARGIN = 16;

export const identityView: ViewTransform = { scale: 1, x: 0, y: 0 };

export function canvasToImage(view: ViewTransform, p: CanvasPoint): ImagePoint {
  return imagePoint((p.x - view.x) / view.scale, (p.y - view.y) / view.scale);
}

export function imageToCanvas(view: ViewTransform, p: ImagePoint): CanvasPoint {
  return canvasPoint(p.x * view.scale + view.x, p.y * view.scale + view.y);
}

const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Zooms by `factor` keeping the image pixel under `at` where it is (wheel zoom at the cursor). */
export function zoomAt(view: ViewTransform, at: CanvasPoint, factor: number): ViewTransform {
  if (!Number.isFinite(factor) || factor <= 0) return view;
  const scale = clampScale(view.scale * factor);
  const anchor = canvasToImage(view, at);
  return { scale, x: at.x - anchor.x * scale, y: at.y - anchor.y * scale };
}

/** Wheel delta (CSS pixels, down = positive) → zoom factor; 100 px of wheel ≈ ×1.2. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(1.2, -deltaY / 100);
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/** Whole image visible and centred in a viewport (width × height CSS pixels), never upscaled past 4×. */
export function fitView(image: Size, viewport: Size, margin = FIT_MARGIN): ViewTransform {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return identityView;
  const room = (n: number) => Math.max(1, n - 2 * margin);
  const scale = clampScale(Math.min(room(viewport.width) / image.width, room(viewport.height) / image.height, 4));
  return { scale, x: (viewport.width - image.width * scale) / 2, y: (viewport.height - image.height * scale) / 2 };
}

/** True when the point is on the image: x in [0, width), y in [0, height). The editor places no prompt elsewhere. */
export function insideImage(p: ImagePoint, image: Size): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= 0 && p.y >= 0 && p.x < image.width && p.y < image.height;
}
