import { IMG_SIZE } from '../../../shared/sam/constants.js';
import { PointLabel } from '../../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { PreparedImage } from './prepare.js';

/** Prompts mapped onto the model's regions. */
export interface RegionPrompts {
  readonly positives: number[];
  readonly negatives: number[];
  /** Regions whose centre lies outside the box prompt (sure background), or null without a box. */
  readonly outsideBox: Uint8Array | null;
  /** Region under the box centre: where the object most likely is when no click says otherwise. */
  readonly boxCentre: number | null;
  /** Mean of the earlier low-res logits over each region, or null when has_mask_input is 0. */
  readonly maskPrior: Float32Array | null;
}

/** Reads SAM decoder feeds (model-frame coordinates) into region ids; padding points are dropped. */
export function regionPrompts(prep: PreparedImage, feeds: DecoderFeeds, lowResSize: number): RegionPrompts {
  const positives: number[] = [];
  const negatives: number[] = [];
  const corners: [number, number][] = [];
  for (let i = 0; i < feeds.numPoints; i++) {
    const label = feeds.point_labels[i];
    const x = feeds.point_coords[2 * i];
    const y = feeds.point_coords[2 * i + 1];
    if (label === PointLabel.Foreground) positives.push(regionAt(prep, x, y));
    else if (label === PointLabel.Background) negatives.push(regionAt(prep, x, y));
    else if (label === PointLabel.BoxTopLeft || label === PointLabel.BoxBottomRight) corners.push([x, y]);
  }
  const box = corners.length === 2;
  const outsideBox = box ? regionsOutside(prep, corners[0], corners[1]) : null;
  const boxCentre = box ? regionAt(prep, (corners[0][0] + corners[1][0]) / 2, (corners[0][1] + corners[1][1]) / 2) : null;
  const maskPrior = feeds.has_mask_input[0] > 0 ? regionMeans(prep, feeds.mask_input, lowResSize) : null;
  return { positives, negatives, outsideBox, boxCentre, maskPrior };
}

function regionAt(prep: PreparedImage, x: number, y: number): number {
  const px = Math.min(prep.width - 1, Math.max(0, Math.floor(x)));
  const py = Math.min(prep.height - 1, Math.max(0, Math.floor(y)));
  return prep.labels[py * prep.width + px];
}

function regionsOutside(prep: PreparedImage, a: [number, number], b: [number, number]): Uint8Array {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  const out = new Uint8Array(prep.count);
  for (let r = 0; r < prep.count; r++) {
    const cx = prep.centroid[2 * r];
    const cy = prep.centroid[2 * r + 1];
    out[r] = cx < x0 || cx > x1 || cy < y0 || cy > y1 ? 1 : 0;
  }
  return out;
}

/** Mean low-res logit over each region's pixels (the mask_input grid covers the padded IMG_SIZE square). */
function regionMeans(prep: PreparedImage, logits: Float32Array, lowResSize: number): Float32Array {
  const sum = new Float32Array(prep.count);
  const scale = lowResSize / IMG_SIZE;
  for (let y = 0, i = 0; y < prep.height; y++) {
    const row = Math.floor(y * scale) * lowResSize;
    for (let x = 0; x < prep.width; x++, i++) sum[prep.labels[i]] += logits[row + Math.floor(x * scale)];
  }
  for (let r = 0; r < prep.count; r++) sum[r] /= prep.size[r];
  return sum;
}
