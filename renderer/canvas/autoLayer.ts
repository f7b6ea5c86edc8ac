/**
 * The automatic masks under review, painted on a plain 2D canvas laid over the editor (as supervision's
 * MaskAnnotator draws them: a distinct colour per mask, opacity 0.5, an outline). The layer is the
 * image's size divided by a raster step, so a 4000×3000 photo costs a ≤ 2048 px canvas, and it is moved
 * by the same view transform as the photo (a CSS matrix), so pan and zoom repaint nothing.
 */
import type { Size } from '../../shared/sam/coords.js';
import { darker, rleBitmap, type PlacedBitmap, type Rgb } from './maskRaster.js';

export interface OverlayMask {
  readonly rle: { readonly size: readonly [number, number]; readonly counts: string };
  readonly bbox: readonly [number, number, number, number];
  /** Place in the job's list: the colour. */
  readonly index: number;
  readonly selected: boolean;
  /** Others are selected: this one steps back so the selection stands out. */
  readonly dimmed?: boolean;
}

/** Longest side of the layer canvas, in canvas pixels. */
const MAX_LAYER_SIDE = 2048;

/** Distinct colours for any number of masks: hues a golden angle apart, lightness alternating. */
export function autoColor(index: number): Rgb {
  const h = (index * 0.618033988749895) % 1;
  const s = 0.85;
  const l = index % 2 === 0 ? 0.5 : 0.6;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Image pixels per layer pixel: 1 up to MAX_LAYER_SIDE, then whole steps. */
export function layerStep(image: Size): number {
  return Math.max(1, Math.ceil(Math.max(image.width, image.height) / MAX_LAYER_SIDE));
}

export function overlayBitmap(mask: OverlayMask, step: number): PlacedBitmap | null {
  const rgb = autoColor(mask.index);
  const fillAlpha = mask.selected ? 0.7 : mask.dimmed ? 0.2 : 0.5;
  return rleBitmap(mask.rle, mask.bbox, step, { rgb, fillAlpha, outlineRgb: mask.selected ? [255, 255, 255] : darker(rgb) });
}
