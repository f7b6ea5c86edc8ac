import type { CompressedRle } from '../../shared/masks/types.js';

/** What the project store hands out: camelCase records mapped from the snake_case rows. */

export type ImageStatus = 'new' | 'in_progress' | 'done' | 'skipped' | 'missing';
export const IMAGE_STATUSES: readonly ImageStatus[] = ['new', 'in_progress', 'done', 'skipped', 'missing'];

export interface ImageRecord {
  readonly id: number;
  /** Relative to the project folder, '/' separators. */
  readonly relPath: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** After EXIF orientation. */
  readonly width: number;
  readonly height: number;
  readonly status: ImageStatus;
}

export interface LabelClass {
  readonly id: number;
  readonly name: string;
  /** CSS hex colour, '#rrggbb'. */
  readonly color: string;
  readonly order: number;
  /** Single keyboard key that picks the label in the editor, or null. */
  readonly hotkey: string | null;
  readonly supercategory: string;
}

export type AnnotationSource = 'click' | 'box' | 'auto' | 'import';
export const ANNOTATION_SOURCES: readonly AnnotationSource[] = ['click', 'box', 'auto', 'import'];

export type AttributeValue = string | number | boolean;

/** An annotation flagged for a person to check again (schema 40); null when nothing is to check. */
export type AnnotationReview = 'needs_review';

/**
 * The prompts that produced a mask, in original image pixels (after EXIF orientation):
 * points (X,Y) with SAM's click labels (1 fg, 0 bg) and an optional box [x0,y0,x1,y1].
 */
export interface AnnotationPrompts {
  readonly pointCoords: [number, number][];
  readonly pointLabels: number[];
  readonly box: [number, number, number, number] | null;
}

export interface Annotation {
  readonly id: number;
  readonly imageId: number;
  readonly labelId: number;
  /** COCO RLE, the source of truth; size is [height, width] of the image. */
  readonly rle: CompressedRle;
  readonly source: AnnotationSource;
  /** SAM's predicted IoU (`predicted_iou`), when the mask came from the model. */
  readonly score: number | null;
  readonly stability: number | null;
  readonly iscrowd: 0 | 1;
  readonly attributes: Record<string, AttributeValue>;
  readonly zOrder: number;
  readonly prompts: AnnotationPrompts | null;
  /** 'needs_review' when the mask should be checked again (the image changed size, an automatic mask), else null. */
  readonly review: AnnotationReview | null;
  /** Why it needs review, in words; null when review is null. */
  readonly reviewReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}
