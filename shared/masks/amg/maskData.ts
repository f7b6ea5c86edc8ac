/**
 * The crop → image half of SamAutomaticMaskGenerator: _process_crop's edge filter, in-crop NMS and
 * uncrop, _generate_masks' cross-crop NMS, and postprocess_small_regions. Masks stay RLE throughout;
 * only small-region removal decodes one mask at a time.
 */
import { decodeRle, encodeRle } from '../rle.js';
import type { UncompressedRle } from '../types.js';
import type { AmgCandidate } from './candidates.js';
import { boxArea, isBoxNearCropEdge, uncropBoxXyxy, uncropPoint, type BoxXyxy } from './cropBoxes.js';
import { maskToBoxXyxy } from './maskBox.js';
import { nms } from './nms.js';
import { uncropRle } from './rleOps.js';
import { removeSmallRegions } from './smallRegions.js';

/** A kept mask in original-image pixels (SAM's MaskData row). */
export interface ImageMask {
  readonly rle: UncompressedRle;
  /** Inclusive xyxy (batched_mask_to_box), image frame. */
  readonly boxXyxy: BoxXyxy;
  readonly predictedIou: number;
  readonly stabilityScore: number;
  /** The prompt point(s), image frame; more than one only after a merge. */
  readonly pointCoords: Array<[number, number]>;
  readonly cropBox: BoxXyxy;
}

export interface CropContext {
  readonly cropBox: BoxXyxy;
  readonly origSize: { readonly height: number; readonly width: number };
  /** Crop-frame (x, y) of each point of the batch the candidates came from. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Drops masks cut by the crop's border (not the image's): _process_batch's "Filter boxes that touch crop boundaries". */
export function dropCropEdgeMasks(candidates: readonly AmgCandidate[], cropBox: BoxXyxy, origSize: CropContext['origSize']): AmgCandidate[] {
  const origBox = [0, 0, origSize.width, origSize.height];
  return candidates.filter((c) => !isBoxNearCropEdge(c.boxXyxy, cropBox, origBox));
}

/** _process_crop after its batches: NMS by predicted IoU inside the crop, then back to image pixels. */
export function finishCrop(candidates: ReadonlyArray<AmgCandidate & { readonly point: readonly [number, number] }>, cropBox: BoxXyxy, origSize: CropContext['origSize'], boxNmsThresh: number): ImageMask[] {
  const keep = nms(
    candidates.map((c) => c.boxXyxy),
    candidates.map((c) => c.predictedIou),
    boxNmsThresh,
  );
  return keep.map((i) => {
    const c = candidates[i];
    return {
      rle: uncropRle(c.rle, cropBox, origSize.height, origSize.width),
      boxXyxy: uncropBoxXyxy(c.boxXyxy, cropBox),
      predictedIou: c.predictedIou,
      stabilityScore: c.stabilityScore,
      pointCoords: [uncropPoint([c.point[0], c.point[1]], cropBox)],
      cropBox,
    };
  });
}

/** _generate_masks: with several crops, NMS preferring masks from smaller crops (score 1 / crop area). */
export function mergeCrops(masks: readonly ImageMask[], nCrops: number, cropNmsThresh: number): ImageMask[] {
  if (nCrops <= 1) return [...masks];
  const keep = nms(
    masks.map((m) => m.boxXyxy),
    masks.map((m) => 1 / boxArea(m.cropBox)),
    cropNmsThresh,
  );
  return keep.map((i) => masks[i]);
}

/**
 * postprocess_small_regions: fill small holes, then drop small islands; changed masks score 0 and
 * unchanged 1 in a box NMS, so a duplicate that needed no repair wins. Kept order is NMS order.
 */
export function postprocessSmallRegions(masks: readonly ImageMask[], minArea: number, nmsThresh: number): ImageMask[] {
  if (masks.length === 0) return [];
  const fixed = masks.map((m) => {
    const holes = removeSmallRegions(decodeRle(m.rle), minArea, 'holes');
    const islands = removeSmallRegions(holes.mask, minArea, 'islands');
    const changed = holes.changed || islands.changed;
    return { changed, box: changed ? maskToBoxXyxy(islands.mask) : m.boxXyxy, rle: changed ? encodeRle(islands.mask) : m.rle };
  });
  const keep = nms(
    fixed.map((f) => f.box),
    fixed.map((f) => (f.changed ? 0 : 1)),
    nmsThresh,
  );
  return keep.map((i) => ({ ...masks[i], rle: fixed[i].rle, boxXyxy: fixed[i].box }));
}
