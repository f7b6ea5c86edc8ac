import { toUncompressed, type Rle } from '../../../shared/masks/rle.js';
import type { ExportImage, ExportPlan } from './types.js';

/** Per-pixel instance values (1..n in paint order, 0 background), class values, and each instance's class. */
export interface InstanceMap {
  readonly width: number;
  readonly height: number;
  readonly values: Uint16Array;
  /** Class value (category position + 1, 0 background) of the instance on top at each pixel. */
  readonly classes: Uint8Array;
  /** classOf[v] = category position + 1 of instance v; classOf[0] = 0. */
  readonly classOf: Uint16Array;
}

/** Annotations arrive in paint order (z ascending), so painting in turn leaves the higher z on top. */
export function paintInstances(plan: ExportPlan, { image, annotations }: ExportImage): InstanceMap {
  const { width, height } = image;
  const values = new Uint16Array(width * height);
  const classes = new Uint8Array(width * height);
  const classOf = new Uint16Array(annotations.length + 1);
  annotations.forEach((ann, i) => {
    classOf[i + 1] = (plan.categoryIndex.get(ann.categoryId) ?? 0) + 1;
    paintRle(values, classes, width, ann.rle, i + 1, classOf[i + 1]);
  });
  return { width, height, values, classes, classOf };
}

/** Writes `value` and `cls` under the foreground runs of `rle` (column-major) into row-major maps: cost ∝ area. */
function paintRle(values: Uint16Array, classes: Uint8Array, width: number, rle: Rle, value: number, cls: number): void {
  const { size, counts } = toUncompressed(rle);
  const height = size[0];
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const end = pos + counts[j];
    for (let p = pos; j % 2 === 1 && p < end; p++) {
      const x = Math.floor(p / height);
      const at = (p - x * height) * width + x;
      values[at] = value;
      classes[at] = cls;
    }
    pos = end;
  }
}

/**
 * VOC's void band along every boundary between two different instance values (background included): `width`
 * pixels wide, rounded up to even so it is centred on the boundary (the pixels on both sides, dilated). 0: none.
 */
export function drawVoidBorder(indices: Uint8Array, values: Uint16Array, w: number, h: number, width: number, voidValue: number): void {
  if (width <= 0) return;
  const edge = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (x + 1 < w && values[p] !== values[p + 1]) edge[p] = edge[p + 1] = 1;
      if (y + 1 < h && values[p] !== values[p + w]) edge[p] = edge[p + w] = 1;
    }
  }
  const band = dilate(edge, w, h, Math.ceil(width / 2) - 1);
  for (let p = 0; p < band.length; p++) if (band[p] !== 0) indices[p] = voidValue;
}

/** Square dilation by radius r, separably (rows then columns) so the cost does not grow with r². */
function dilate(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (r <= 0) return src;
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) spread(src, rows, y * w, 1, w, r);
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) spread(rows, out, x, w, h, r);
  return out;
}

/** 1-D dilation of one line (start, stride, length) by radius r. */
function spread(src: Uint8Array, dst: Uint8Array, start: number, stride: number, length: number, r: number): void {
  let last = -Infinity;
  for (let i = 0; i < length; i++) {
    if (src[start + i * stride] !== 0) last = i;
    if (i - last <= r) dst[start + i * stride] = 1;
  }
  last = Infinity;
  for (let i = length - 1; i >= 0; i--) {
    if (src[start + i * stride] !== 0) last = i;
    if (last - i <= r) dst[start + i * stride] = 1;
  }
}
