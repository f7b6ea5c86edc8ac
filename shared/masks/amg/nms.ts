/**
 * Box non-maximum suppression as torchvision's nms / batched_nms with a single category (SAM always
 * passes zeros): highest score first, a box is dropped when its IoU with an already kept box is
 * above the threshold. IoU uses box_area's (x1 - x0) * (y1 - y0).
 */
import { boxArea } from './cropBoxes.js';

export function boxIou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const inter = Math.max(0, iw) * Math.max(0, ih);
  const union = boxArea(a) + boxArea(b) - inter;
  // torchvision divides and gets NaN for two degenerate boxes; NaN > t is false, so both stay, as here.
  return union > 0 ? inter / union : 0;
}

/** Indices kept, in descending score order (ties: lower index first). */
export function nms(boxes: readonly (readonly number[])[], scores: readonly number[], iouThreshold: number): number[] {
  const order = scores.map((_, i) => i).sort((i, j) => scores[j] - scores[i] || i - j);
  const keep: number[] = [];
  for (const i of order) {
    if (keep.every((k) => !(boxIou(boxes[i], boxes[k]) > iouThreshold))) keep.push(i);
  }
  return keep;
}
