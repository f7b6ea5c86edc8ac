/** SAM's batched_mask_to_box for one mask: [x0, y0, x1, y1] with x1, y1 the last foreground column/row (inclusive). */
import { maskBbox, rleToBbox } from '../rle.js';
import type { BinaryMask, UncompressedRle } from '../types.js';
import type { BoxXyxy } from './cropBoxes.js';

function inclusive([x, y, w, h]: readonly number[]): BoxXyxy {
  // An empty mask is [0, 0, 0, 0], as in SAM.
  return w === 0 || h === 0 ? [0, 0, 0, 0] : [x, y, x + w - 1, y + h - 1];
}

export function maskToBoxXyxy(mask: BinaryMask): BoxXyxy {
  return inclusive(maskBbox(mask));
}

export function rleToBoxXyxy(rle: UncompressedRle): BoxXyxy {
  return inclusive(rleToBbox(rle));
}
