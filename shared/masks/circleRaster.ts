import type { UncompressedRle } from './types.js';

/**
 * Column-major RLE of a disc clipped to an h×w image: pixel (x, y) is inside when its centre (x + 0.5, y + 0.5)
 * lies within `r` of (cx, cy), pixel-corner coordinates. One span per column, so the work is the image width
 * whatever the radius (a labelme circle of radius 1.4e7 costs what one of radius 10 does).
 */
export function circleToRle(cx: number, cy: number, r: number, h: number, w: number): UncompressedRle {
  const counts: number[] = [];
  let last = 0;
  const x0 = Math.max(0, Math.ceil(cx - r - 0.5));
  const x1 = Math.min(w - 1, Math.floor(cx + r - 0.5));
  for (let x = x0; x <= x1; x++) {
    const dx = x + 0.5 - cx;
    const half = Math.sqrt(Math.max(0, r * r - dx * dx));
    const y0 = Math.max(0, Math.ceil(cy - half - 0.5));
    const y1 = Math.min(h - 1, Math.floor(cy + half - 0.5));
    if (y1 < y0) continue;
    const start = x * h + y0;
    counts.push(start - last, y1 - y0 + 1);
    last = x * h + y1 + 1;
  }
  if (last < h * w || counts.length === 0) counts.push(h * w - last);
  return { size: [h, w], counts };
}
