/**
 * Clearing the 'needs review' flag: a person looked at an automatic, imported or size-changed mask
 * and keeps it. Journaled like every edit, so undo puts the flag (and its reason) back.
 */
import { SamlabelError } from '../../../shared/errors.js';
import { flaggedAnnotationIds, getAnnotation } from '../../db/annotations.js';
import { imageStack, journaled } from '../../db/changeset.js';
import type { Annotation, ImageRecord } from '../../db/records.js';
import type { Project } from '../projects/project.js';
import { requireImage } from './annotationValues.js';

const cleared = { review: null, review_reason: null };

/**
 * Refuses to clear the flag of a mask of another size than its image: looking at it cannot fix it
 * (exports refuse it, a rescan flags it again); redo or delete it instead.
 */
export function assertReviewable(project: Project, id: number): void {
  const a = getAnnotation(project.db, id);
  if (!a) throw new SamlabelError('AnnotationNotFound', `annotation ${id} does not exist`);
  const image = requireImage(project.db, a.imageId);
  if (!sameSize(a, image)) {
    const [h, w] = a.rle.size;
    throw new SamlabelError('BadInput', `annotation ${id}'s mask is ${w}x${h}, its image ${image.width}x${image.height}: redo or delete it`);
  }
}

const sameSize = (a: Annotation, image: ImageRecord): boolean => a.rle.size[0] === image.height && a.rle.size[1] === image.width;

/**
 * Clears the flag of every annotation of one image whose mask fits the image (others stay flagged);
 * one undo step, none when nothing was flagged. Returns how many were cleared.
 */
export function markImageReviewed(project: Project, imageId: number): number {
  project.assertWritable();
  const image = requireImage(project.db, imageId);
  const ids = flaggedAnnotationIds(project.db, image.id, image.height, image.width);
  if (ids.length === 0) return 0;
  const what = ids.length === 1 ? 'mark reviewed' : `mark ${ids.length} reviewed`;
  journaled(project.db, imageStack(image.id), what, (cs) => ids.forEach((id) => cs.update('annotations', id, { ...cleared, updated_at: cs.now }, 'AnnotationNotFound')));
  return ids.length;
}
