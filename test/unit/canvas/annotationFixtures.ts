/** Accepted-annotation records for the overlay tests: a filled square on a 64×64 image. */
import { encodeRle, toCompressed } from '../../../shared/masks/rle.js';
import type { AnnotationRecord } from '../../../renderer/editor/annotations.js';

export function square(id: string, x: number, y: number, side: number): AnnotationRecord {
  const h = 64;
  const w = 64;
  const data = new Uint8Array(h * w);
  for (let r = y; r < y + side; r++) data.fill(1, r * w + x, r * w + x + side);
  return { annotationId: id, imageId: 'i', labelId: 'l', rle: toCompressed(encodeRle({ height: h, width: w, data })), area: side * side, bbox: [x, y, side, side], zOrder: 0 };
}

export const look = () => ({ color: '#ff0000', selected: false });
