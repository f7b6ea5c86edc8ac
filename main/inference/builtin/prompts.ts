import { PointLabel } from '../../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { PreparedImage } from './prepare.js';

/** Prompts mapped onto the model's cells. */
export interface CellPrompts {
  readonly positives: number[];
  readonly negatives: number[];
  /** Inclusive cell rectangle of the box prompt, or null. */
  readonly box: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number } | null;
  /** Earlier low-res logits (lowResSize²), or null when has_mask_input is 0. */
  readonly maskInput: Float32Array | null;
}

/** Reads SAM decoder feeds (model-frame coordinates) into cell indices; padding points are dropped. */
export function cellPrompts(prep: PreparedImage, feeds: DecoderFeeds): CellPrompts {
  const positives: number[] = [];
  const negatives: number[] = [];
  let corner0: [number, number] | null = null;
  let corner1: [number, number] | null = null;
  for (let i = 0; i < feeds.numPoints; i++) {
    const label = feeds.point_labels[i];
    const cx = clamp(Math.floor(feeds.point_coords[2 * i] / prep.cellPx), prep.gridW - 1);
    const cy = clamp(Math.floor(feeds.point_coords[2 * i + 1] / prep.cellPx), prep.gridH - 1);
    if (label === PointLabel.Foreground) positives.push(cy * prep.gridW + cx);
    else if (label === PointLabel.Background) negatives.push(cy * prep.gridW + cx);
    else if (label === PointLabel.BoxTopLeft) corner0 = [cx, cy];
    else if (label === PointLabel.BoxBottomRight) corner1 = [cx, cy];
  }
  const box =
    corner0 && corner1
      ? { x0: Math.min(corner0[0], corner1[0]), y0: Math.min(corner0[1], corner1[1]), x1: Math.max(corner0[0], corner1[0]), y1: Math.max(corner0[1], corner1[1]) }
      : null;
  const maskInput = feeds.has_mask_input[0] > 0 ? feeds.mask_input : null;
  return { positives, negatives, box, maskInput };
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
