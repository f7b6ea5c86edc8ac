/**
 * SamAutomaticMaskGenerator.generate's records: exactly segmentation, area, bbox, predicted_iou,
 * point_coords, stability_score, crop_box, in original-image pixels. bbox is the COCO box of the
 * segmentation (w = last - first + 1), which is SAM's box_xyxy_to_xywh(batched_mask_to_box) plus one
 * pixel in w and h: records are meant to be consistent with their masks and with pycocotools.
 */
import { decodeRle, rleToBbox, toCompressed } from '../rle.js';
import type { BboxXywh, BinaryMask, CompressedRle, UncompressedRle } from '../types.js';
import { boxXyxyToXywh } from './cropBoxes.js';
import type { ImageMask } from './maskData.js';
import type { OutputMode } from './params.js';
import { rleAreaOf } from './rleOps.js';

export type Segmentation = BinaryMask | UncompressedRle | CompressedRle;

export interface AmgRecord<S extends Segmentation = Segmentation> {
  segmentation: S;
  area: number;
  bbox: BboxXywh;
  predicted_iou: number;
  point_coords: Array<[number, number]>;
  stability_score: number;
  crop_box: BboxXywh;
}

export function encodeSegmentation(rle: UncompressedRle, mode: OutputMode): Segmentation {
  if (mode === 'coco_rle') return toCompressed(rle);
  if (mode === 'binary_mask') return decodeRle(rle);
  return { size: [rle.size[0], rle.size[1]], counts: [...rle.counts] };
}

export function toRecord(mask: ImageMask, mode: OutputMode): AmgRecord {
  return {
    segmentation: encodeSegmentation(mask.rle, mode),
    area: rleAreaOf(mask.rle),
    bbox: rleToBbox(mask.rle),
    predicted_iou: mask.predictedIou,
    point_coords: mask.pointCoords.map(([x, y]) => [x, y]),
    stability_score: mask.stabilityScore,
    crop_box: boxXyxyToXywh(mask.cropBox),
  };
}
