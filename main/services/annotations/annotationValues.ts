import { SamlabelError } from '../../../shared/errors.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';
import { promptsToJson } from '../../db/annotations.js';
import type { Db } from '../../db/connection.js';
import { getImage } from '../../db/images.js';
import { ANNOTATION_SOURCES, type AnnotationPrompts, type AnnotationSource, type AttributeValue, type ImageRecord } from '../../db/records.js';
import { cached, type Row } from '../../db/tableRows.js';
import { toCompressedRle } from './cocoRle.js';

/** A mask to record on an image. Optional fields default to: no score, iscrowd 0, on top, no prompts. */
export interface NewAnnotation {
  readonly labelId: number;
  /** [height, width] must be the image's size after EXIF orientation. */
  readonly rle: CompressedRle | UncompressedRle;
  readonly source: AnnotationSource;
  readonly score?: number | null;
  readonly stability?: number | null;
  readonly iscrowd?: 0 | 1;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly zOrder?: number;
  readonly prompts?: AnnotationPrompts | null;
  /**
   * Flag the mask for a person to check again ('needs review', e.g. an automatic mask), with the
   * reason in words; null clears the flag. Left out: a new mask (rle given) clears it, since a
   * person's new mask is their answer; other edits keep it.
   */
  readonly review?: { readonly reason: string } | null;
}

export type AnnotationPatch = Partial<Omit<NewAnnotation, 'source'>>;

export function requireImage(db: Db, imageId: number): ImageRecord {
  const image = getImage(db, imageId);
  if (!image) throw new SamlabelError('ImageNotFound', `image ${imageId} is not in the project`);
  return image;
}

function requireLabelId(db: Db, labelId: number): number {
  if (!cached(db, 'SELECT 1 FROM labels WHERE id = ?').get(labelId)) {
    throw new SamlabelError('LabelNotFound', `label ${labelId} does not exist`);
  }
  return labelId;
}

/** The columns of one annotation row for `patch` (all of them for a new one), validated. */
export function annotationColumns(db: Db, image: ImageRecord, patch: AnnotationPatch, now: number): Row {
  const row: Row = { updated_at: now };
  if (patch.labelId !== undefined) row.label_id = requireLabelId(db, patch.labelId);
  if (patch.rle !== undefined) Object.assign(row, rleColumns(image, patch.rle));
  if (patch.score !== undefined) row.score = finiteOrNull(patch.score, 'score');
  if (patch.stability !== undefined) row.stability = finiteOrNull(patch.stability, 'stability');
  if (patch.iscrowd !== undefined) row.iscrowd = patch.iscrowd === 1 ? 1 : 0;
  if (patch.attributes !== undefined) row.attributes = attributesJson(patch.attributes);
  if (patch.zOrder !== undefined) row.z_order = integer(patch.zOrder, 'zOrder');
  if (patch.prompts !== undefined) row.prompts = promptsToJson(patch.prompts);
  if (patch.review !== undefined || patch.rle !== undefined) Object.assign(row, reviewColumns(patch.review ?? null));
  return row;
}

function reviewColumns(review: { readonly reason: string } | null): Row {
  if (review === null) return { review: null, review_reason: null };
  if (typeof review.reason !== 'string' || review.reason.trim() === '') throw new SamlabelError('BadInput', 'a review flag needs a reason');
  return { review: 'needs_review', review_reason: review.reason.slice(0, 500) };
}

export function newAnnotationRow(db: Db, image: ImageRecord, input: NewAnnotation, zOrder: number, now: number): Row {
  if (!ANNOTATION_SOURCES.includes(input.source)) throw new SamlabelError('BadInput', `unknown annotation source ${String(input.source)}`);
  const defaults: AnnotationPatch = { score: null, stability: null, iscrowd: 0, attributes: {}, zOrder, prompts: null };
  return {
    ...annotationColumns(db, image, { ...defaults, ...input }, now),
    image_id: image.id,
    source: input.source,
    created_at: now,
  };
}

function rleColumns(image: ImageRecord, rle: CompressedRle | UncompressedRle): Row {
  const compressed = toCompressedRle(rle);
  const [h, w] = compressed.size;
  if (h !== image.height || w !== image.width) {
    throw new SamlabelError('BadInput', `mask is ${h}x${w} (HxW), image ${image.relPath} is ${image.height}x${image.width}`);
  }
  return { rle_counts: compressed.counts, rle_height: h, rle_width: w };
}

function attributesJson(attrs: Readonly<Record<string, AttributeValue>>): string {
  for (const [k, v] of Object.entries(attrs)) {
    const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new SamlabelError('BadInput', `attribute ${k} must be a string, finite number or boolean`);
  }
  return JSON.stringify(attrs);
}

function finiteOrNull(v: number | null, name: string): number | null {
  if (v !== null && !Number.isFinite(v)) throw new SamlabelError('BadInput', `${name} must be a finite number or null`);
  return v;
}

function integer(v: number, name: string): number {
  if (!Number.isInteger(v)) throw new SamlabelError('BadInput', `${name} must be an integer`);
  return v;
}
