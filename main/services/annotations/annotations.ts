import { SamlabelError } from '../../../shared/errors.js';
import { getAnnotation, listAnnotations, nextZOrder, toAnnotation } from '../../db/annotations.js';
import { imageStack, journaled, type Changeset } from '../../db/changeset.js';
import { writeTransaction } from '../../db/connection.js';
import type { Annotation, ImageRecord, ImageStatus } from '../../db/records.js';
import { IMAGE_STATUSES } from '../../db/records.js';
import type { Project } from '../projects/project.js';
import { annotationColumns, newAnnotationRow, requireImage, type AnnotationPatch, type NewAnnotation } from './annotationValues.js';

/**
 * The annotation repository. Every edit is one journaled change on the image's undo stack,
 * committed with its journal entry in one transaction; bulk calls are one change (one undo stop).
 */

export function listImageAnnotations(project: Project, imageId: number): Annotation[] {
  return listAnnotations(project.db, imageId);
}

/** Adds masks to one image, stacked on top in the given order; a 'new' image becomes 'in_progress'. */
export function addAnnotations(project: Project, imageId: number, inputs: readonly NewAnnotation[], description?: string): Annotation[] {
  project.assertWritable();
  const what = description ?? (inputs.length === 1 ? 'add annotation' : `add ${inputs.length} annotations`);
  return journaled(project.db, imageStack(imageId), what, (cs) => insertAnnotations(cs, requireImage(cs.db, imageId), inputs));
}

/** For importers and bulk edits already inside a changeset. */
export function insertAnnotations(cs: Changeset, image: ImageRecord, inputs: readonly NewAnnotation[]): Annotation[] {
  let z = nextZOrder(cs.db, image.id);
  const added = inputs.map((input) => toAnnotation(cs.insert('annotations', newAnnotationRow(cs.db, image, input, input.zOrder ?? z++, cs.now))));
  if (added.length > 0 && image.status === 'new') {
    cs.update('images', image.id, { status: 'in_progress', updated_at: cs.now }, 'ImageNotFound');
  }
  return added;
}

export function updateAnnotation(project: Project, id: number, patch: AnnotationPatch, description = 'edit annotation'): Annotation {
  project.assertWritable();
  const current = requireAnnotation(project, id);
  return journaled(project.db, imageStack(current.imageId), description, (cs) => {
    const columns = annotationColumns(cs.db, requireImage(cs.db, current.imageId), patch, cs.now);
    return toAnnotation(cs.update('annotations', id, columns, 'AnnotationNotFound'));
  });
}

/** Deletes annotations; those of each image form one change on that image's stack. */
export function deleteAnnotations(project: Project, ids: readonly number[], description?: string): void {
  project.assertWritable();
  const byImage = new Map<number, number[]>();
  for (const id of ids) {
    const { imageId } = requireAnnotation(project, id);
    byImage.set(imageId, [...(byImage.get(imageId) ?? []), id]);
  }
  writeTransaction(project.db, () => {
    for (const [imageId, group] of byImage) {
      const what = description ?? (group.length === 1 ? 'delete annotation' : `delete ${group.length} annotations`);
      journaled(project.db, imageStack(imageId), what, (cs) => group.forEach((id) => cs.delete('annotations', id, 'AnnotationNotFound')));
    }
  });
}

export function setImageStatus(project: Project, imageId: number, status: Exclude<ImageStatus, 'missing'>): void {
  project.assertWritable();
  if (!IMAGE_STATUSES.includes(status) || status === ('missing' as ImageStatus)) {
    throw new SamlabelError('BadInput', `cannot set image status to ${String(status)}`);
  }
  journaled(project.db, imageStack(imageId), `mark ${status.replace('_', ' ')}`, (cs) => {
    if (requireImage(cs.db, imageId).status === 'missing') {
      throw new SamlabelError('ImageNotFound', `image ${imageId} is missing from the folder; scan to find it again`);
    }
    cs.update('images', imageId, { status, updated_at: cs.now }, 'ImageNotFound');
  });
}

function requireAnnotation(project: Project, id: number): Annotation {
  const a = getAnnotation(project.db, id);
  if (!a) throw new SamlabelError('AnnotationNotFound', `annotation ${id} does not exist`);
  return a;
}
