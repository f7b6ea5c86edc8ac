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
    const inside = (y: number): boolean => dx * dx + (y + 0.5 - cy) ** 2 <= r * r;
    const half = Math.sqrt(Math.max(0, r * r - dx * dx));
    // The square root may land a row off the exact test: nudge both ends onto it.
    let y0 = Math.max(0, Math.ceil(cy - half - 0.5));
    let y1 = Math.min(h - 1, Math.floor(cy + half - 0.5));
    while (y0 > 0 && inside(y0 - 1)) y0--;
    while (y0 <= y1 && !inside(y0)) y0++;
    while (y1 < h - 1 && inside(y1 + 1)) y1++;
    while (y1 >= y0 && !inside(y1)) y1--;
    if (y1 < y0) continue;
    const start = x * h + y0;
    // A span that starts where the previous one ended (full columns) extends it.
    if (start === last && counts.length > 0) counts[counts.length - 1] += y1 - y0 + 1;
    else counts.push(start - last, y1 - y0 + 1);
    last = x * h + y1 + 1;
  }
  if (last < h * w || counts.length === 0) counts.push(h * w - last);
  return { size: [h, w], counts };
}
