import { rleToBbox, toUncompressed, type Rle } from '../../../shared/masks/rle.js';
import { encodePng } from './png.js';

/**
 * A mask as labelme's own `mask` shape (what labelme ≥ 5.3 writes for its AI masks): `points` is the mask's
 * bounding box as two integer corners, inclusive ([[x0, y0], [x1, y1]]), and `mask` a base64 one-channel PNG of
 * exactly that box. Current labelme places the PNG at round(points[0]) with its own size; older versions (5.3–5.5)
 * fill `[y0:y1+1, x0:x1+1]`: both read the same pixels. labelme 5.1 rejects mask shapes (polygons stay the default).
 */
export interface LabelmeMaskShape {
  label: string;
  points: [[number, number], [number, number]];
  group_id: number | null;
  description: string;
  shape_type: 'mask';
  flags: Record<string, boolean>;
  mask: string;
}

/** Null for an empty mask: labelme has no empty mask shape (its builder drops them too). */
export function labelmeMaskShape(rle: Rle, label: string, groupId: number | null): LabelmeMaskShape | null {
  const [x, y, w, h] = rleToBbox(rle);
  if (w === 0 || h === 0) return null;
  const indices = boxWindow(rle, x, y, w, h);
  const png = encodePng({ kind: 'palette', width: w, height: h, indices, palette: [[0, 0, 0], [255, 255, 255]] });
  return {
    label,
    points: [[x, y], [x + w - 1, y + h - 1]],
    group_id: groupId,
    description: '',
    shape_type: 'mask',
    flags: {},
    mask: png.toString('base64'),
  };
}

/** The w×h window at (x, y) of the mask, row-major 0/1, painted run by run (no full-image decode per mask). */
function boxWindow(rle: Rle, x0: number, y0: number, w: number, h: number): Uint8Array {
  const { size, counts } = toUncompressed(rle);
  const height = size[0];
  const out = new Uint8Array(w * h);
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const end = pos + counts[j];
    for (let p = pos; j % 2 === 1 && p < end; ) {
      const col = Math.floor(p / height);
      const rowStart = p - col * height;
      const rowEnd = Math.min(height, rowStart + (end - p));
      for (let row = rowStart; row < rowEnd; row++) out[(row - y0) * w + (col - x0)] = 1;
      p += rowEnd - rowStart;
    }
    pos = end;
  }
  return out;
}
