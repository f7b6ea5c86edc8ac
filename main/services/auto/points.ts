/** The prompts of one crop: SAM's grid scaled to the crop (or to a region of it), as (x, y) in crop pixels. */
import type { BoxXyxy } from '../../../shared/masks/amg/cropBoxes.js';
import type { PointGrid } from '../../../shared/masks/amg/params.js';
import { rleContains } from '../../../shared/masks/amg/rleOps.js';
import type { UncompressedRle } from '../../../shared/masks/types.js';

export type Point = [number, number];

/** points_for_image = grid * [w, h] of `area`, offset to area's corner, in the frame of `cropBox`. */
export function cropPoints(grid: PointGrid, area: BoxXyxy, cropBox: BoxXyxy): Point[] {
  const w = area[2] - area[0];
  const h = area[3] - area[1];
  const points: Point[] = [];
  for (let k = 0; k < grid.length; k += 2) points.push([area[0] - cropBox[0] + grid[k] * w, area[1] - cropBox[1] + grid[k + 1] * h]);
  return points;
}

/** The pixel a point falls in is inside one of the masks (crop frame). */
export function isCovered(point: Point, masks: readonly UncompressedRle[]): boolean {
  const x = Math.floor(point[0]);
  const y = Math.floor(point[1]);
  return masks.some((rle) => rleContains(rle, x, y));
}
