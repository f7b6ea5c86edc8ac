import type { Db } from './connection.js';
import type { Annotation, AnnotationPrompts, AnnotationReview, AnnotationSource, AttributeValue } from './records.js';
import { cached, type Row } from './tableRows.js';

interface AnnotationRow {
  id: number;
  image_id: number;
  label_id: number;
  rle_counts: string;
  rle_height: number;
  rle_width: number;
  source: AnnotationSource;
  score: number | null;
  stability: number | null;
  iscrowd: number;
  attributes: string;
  z_order: number;
  prompts: string | null;
  review: AnnotationReview | null;
  review_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** Prompts as stored: SAM's own names, as in its JSON records. */
interface StoredPrompts {
  point_coords: [number, number][];
  point_labels: number[];
  box: [number, number, number, number] | null;
}

export function promptsToJson(p: AnnotationPrompts | null): string | null {
  if (p === null) return null;
  const stored: StoredPrompts = { point_coords: p.pointCoords, point_labels: p.pointLabels, box: p.box };
  return JSON.stringify(stored);
}

function promptsFromJson(text: string | null): AnnotationPrompts | null {
  if (text === null) return null;
  const s = JSON.parse(text) as StoredPrompts;
  return { pointCoords: s.point_coords, pointLabels: s.point_labels, box: s.box };
}

export function toAnnotation(r: AnnotationRow | Row): Annotation {
  const row = r as AnnotationRow;
  return {
    id: row.id,
    imageId: row.image_id,
    labelId: row.label_id,
    rle: { size: [row.rle_height, row.rle_width], counts: row.rle_counts },
    source: row.source,
    score: row.score,
    stability: row.stability,
    iscrowd: row.iscrowd === 1 ? 1 : 0,
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
    zOrder: row.z_order,
    prompts: promptsFromJson(row.prompts),
    review: row.review ?? null,
    reviewReason: row.review_reason ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getAnnotation(db: Db, id: number): Annotation | undefined {
  const row = cached(db, 'SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
  return row && toAnnotation(row);
}

/** An image's annotations, bottom to top (z-order, then creation). */
export function listAnnotations(db: Db, imageId: number): Annotation[] {
  const rows = cached(db, 'SELECT * FROM annotations WHERE image_id = ? ORDER BY z_order, id').all(imageId) as AnnotationRow[];
  return rows.map(toAnnotation);
}

/** Every annotation of the project in image then z-order, streamed (exports of large projects). */
export function iterateAllAnnotations(db: Db): IterableIterator<Annotation> {
  const rows = cached(db, 'SELECT * FROM annotations ORDER BY image_id, z_order, id').iterate() as IterableIterator<AnnotationRow>;
  return (function* () {
    for (const r of rows) yield toAnnotation(r);
  })();
}

export function annotationIdsOfImage(db: Db, imageId: number): number[] {
  return cached(db, 'SELECT id FROM annotations WHERE image_id = ? ORDER BY id').pluck().all(imageId) as number[];
}

export function nextZOrder(db: Db, imageId: number): number {
  return (cached(db, 'SELECT coalesce(max(z_order) + 1, 0) AS n FROM annotations WHERE image_id = ?').get(imageId) as { n: number }).n;
}

export function countAnnotations(db: Db): number {
  return (cached(db, 'SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
}

/** How many annotations are flagged 'needs_review' (the partial index makes this cheap). */
export function countNeedsReview(db: Db): number {
  return (cached(db, 'SELECT count(*) AS n FROM annotations WHERE review IS NOT NULL').get() as { n: number }).n;
}

/**
 * Ids of the image's flagged annotations whose mask is `height`x`width` (the partial index on
 * flagged rows makes this cheap even on an image with hundreds of masks).
 */
export function flaggedAnnotationIds(db: Db, imageId: number, height: number, width: number): number[] {
  return cached(db, 'SELECT id FROM annotations WHERE image_id = ? AND review IS NOT NULL AND rle_height = ? AND rle_width = ? ORDER BY id')
    .pluck()
    .all(imageId, height, width) as number[];
}

/**
 * Flags the image's annotations whose mask is not `height`x`width` as needing review (the image file
 * was replaced by one of another pixel size); returns how many were newly flagged. Not journaled,
 * like every scan write: the masks are kept as they were, for a person to redo or delete.
 */
export function flagMasksOfOtherSize(db: Db, imageId: number, height: number, width: number, reason: string): number {
  return cached(
    db,
    `UPDATE annotations SET review = 'needs_review', review_reason = ?
     WHERE image_id = ? AND (rle_height != ? OR rle_width != ?) AND review IS NULL`,
  ).run(reason, imageId, height, width).changes;
}
