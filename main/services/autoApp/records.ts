/**
 * A generated mask as the `auto:results` channel carries it: SAM's record fields with the mask as COCO
 * compressed RLE (a few hundred bytes, never a full-size mask), under an id main keeps it by.
 */
import { toRecord } from '../../../shared/masks/amg/records.js';
import type { ImageMask } from '../../../shared/masks/amg/maskData.js';
import type { BboxXywh, CompressedRle } from '../../../shared/masks/types.js';

export interface AutoRecordOut {
  readonly recordId: string;
  readonly segmentation: CompressedRle;
  readonly area: number;
  readonly bbox: BboxXywh;
  readonly predicted_iou: number;
  readonly stability_score: number;
  readonly point_coords: Array<[number, number]>;
  readonly crop_box: BboxXywh;
}

/** Records of one image, largest area first (ties keep the generator's order), ids `<jobId>-<n>`. */
export function toRecordsOut(jobId: string, masks: readonly ImageMask[]): { records: AutoRecordOut[]; byId: Map<string, ImageMask> } {
  const rows = masks.map((mask) => ({ mask, record: toRecord(mask, 'coco_rle') }));
  rows.sort((a, b) => b.record.area - a.record.area);
  const byId = new Map<string, ImageMask>();
  const records = rows.map(({ mask, record }, i) => {
    const recordId = `${jobId}-${i + 1}`;
    byId.set(recordId, mask);
    return { ...record, recordId, segmentation: record.segmentation as CompressedRle };
  });
  return { records, byId };
}
