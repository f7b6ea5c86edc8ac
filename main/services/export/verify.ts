import type { Dataset, DatasetAnnotation } from '../../../shared/dataset.js';
import { decodeRle, rleToBbox } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import { readDataset } from '../import/readDataset.js';
import type { ExportOptions, ExportResult, WrittenAnnotation } from './types.js';

/** Polygon formats must give back at least this IoU per mask (they are exact in practice; simplify lowers it). */
export const DEFAULT_VERIFY_IOU = 0.98;

export interface VerifyIssue {
  readonly annotationId: number;
  readonly image: string;
  readonly iou: number;
  /** Pixels that differ between the mask and what the export reads back as. */
  readonly pixelsDiffering: number;
  readonly reason: string;
}

export interface VerifyReport {
  readonly checked: number;
  readonly threshold: number;
  readonly issues: VerifyIssue[];
}

/**
 * Reads the export back with the importer of its format and compares every written mask with the original:
 * lossless writes (RLE, PNG) must match pixel for pixel, polygon writes reach `threshold` IoU, labels must match.
 * PNG formats lose what a higher z-order mask hides: such masks are reported, as they would not survive.
 */
export async function verifyExport(dataset: Dataset, result: ExportResult, options: ExportOptions, threshold = DEFAULT_VERIFY_IOU): Promise<VerifyReport> {
  const back = await readDataset(result.format, result.readBack, { keepEmpty: true });
  const backImages = new Map(back.images.map((i) => [i.id, i.relPath]));
  const backNames = new Map(back.categories.map((c) => [c.id, c.name]));
  const names = new Map(dataset.categories.map((c) => [c.id, c.name]));
  const originals = new Map(dataset.annotations.map((a) => [a.id, a]));
  const readBack = new Map<string, DatasetAnnotation[]>();
  for (const a of back.annotations) {
    const rel = backImages.get(a.imageId) ?? '';
    readBack.set(rel, [...(readBack.get(rel) ?? []), a]);
  }
  const cursor = new Map<string, number>();
  const issues: VerifyIssue[] = [];
  for (const w of result.written) {
    const at = cursor.get(w.imageRelPath) ?? 0;
    cursor.set(w.imageRelPath, at + w.units);
    const got = (readBack.get(w.imageRelPath) ?? []).slice(at, at + w.units);
    const original = originals.get(w.annotationId) as DatasetAnnotation;
    const issue = compare(original, got, w, options.yoloBoxes === true && result.format === 'yolo-seg', threshold);
    const label = got.length > 0 && backNames.get(got[0].categoryId) !== names.get(original.categoryId);
    if (issue !== null) issues.push(issue);
    else if (label) issues.push({ annotationId: w.annotationId, image: w.imageRelPath, iou: 1, pixelsDiffering: 0, reason: 'label changed' });
  }
  return { checked: result.written.length, threshold, issues };
}

function compare(original: DatasetAnnotation, got: DatasetAnnotation[], w: WrittenAnnotation, boxes: boolean, threshold: number): VerifyIssue | null {
  const base = { annotationId: w.annotationId, image: w.imageRelPath };
  if (got.length < w.units) return { ...base, iou: 0, pixelsDiffering: -1, reason: 'missing from the export' };
  const expected = boxes ? boxMask(original) : decodeRle(original.rle);
  const actual = union(got.map((a) => decodeRle(a.rle)), expected);
  const { iou, differing } = overlap(expected, actual);
  if (w.exact && differing > 0) return { ...base, iou, pixelsDiffering: differing, reason: `${differing} pixels differ` };
  if (!w.exact && iou < threshold) return { ...base, iou, pixelsDiffering: differing, reason: `IoU ${iou.toFixed(4)} < ${threshold}` };
  return null;
}

/** What a box export can hold: the mask's bounding box, filled. */
function boxMask(ann: DatasetAnnotation): BinaryMask {
  const [h, w] = ann.rle.size;
  const [x, y, bw, bh] = rleToBbox(ann.rle);
  const data = new Uint8Array(h * w);
  for (let r = y; r < y + bh; r++) data.fill(1, r * w + x, r * w + x + bw);
  return { height: h, width: w, data };
}

function union(masks: BinaryMask[], like: BinaryMask): BinaryMask {
  const data = new Uint8Array(like.height * like.width);
  for (const m of masks) {
    if (m.data.length !== data.length) return m;
    for (let i = 0; i < data.length; i++) data[i] |= m.data[i];
  }
  return { height: like.height, width: like.width, data };
}

function overlap(a: BinaryMask, b: BinaryMask): { iou: number; differing: number } {
  if (a.data.length !== b.data.length) return { iou: 0, differing: a.data.length };
  let inter = 0;
  let uni = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i] !== 0;
    const y = b.data[i] !== 0;
    if (x && y) inter++;
    if (x || y) uni++;
  }
  return { iou: uni === 0 ? 1 : inter / uni, differing: uni - inter };
}
