/** Paints the automatic masks' bitmaps (autoLayer.ts) onto the overlay's 2D canvas. */
import type { Size } from '../../shared/sam/coords.js';
import { layerStep, overlayBitmap, type OverlayMask } from './autoLayer.js';

/** Repaints the layer: largest first, so smaller masks stay visible on top. */
export function paintAutoLayer(canvas: HTMLCanvasElement, image: Size, masks: readonly OverlayMask[]): number {
  const step = layerStep(image);
  canvas.width = Math.ceil(image.width / step);
  canvas.height = Math.ceil(image.height / step);
  const ctx = canvas.getContext('2d');
  if (!ctx) return step;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const scratch = document.createElement('canvas');
  const sctx = scratch.getContext('2d');
  for (const mask of masks) {
    const bitmap = overlayBitmap(mask, step);
    if (!bitmap || !sctx) continue;
    scratch.width = bitmap.width;
    scratch.height = bitmap.height;
    sctx.putImageData(new ImageData(new Uint8ClampedArray(bitmap.rgba), bitmap.width, bitmap.height), 0, 0);
    // Composited, not put: overlapping masks blend instead of erasing each other.
    ctx.drawImage(scratch, bitmap.left / step, bitmap.top / step, (bitmap.width * bitmap.scaleX) / step, (bitmap.height * bitmap.scaleY) / step);
  }
  return step;
}
