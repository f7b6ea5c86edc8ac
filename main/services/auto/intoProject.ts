/**
 * Automatic masks into a project: annotations with source 'auto', flagged 'needs_review' (schema 40)
 * so a person accepts or rejects them; all masks of one image are one undo step.
 */
import type { UncompressedRle } from '../../../shared/masks/types.js';
import { listAnnotations } from '../../db/annotations.js';
import { imageStack, journaled } from '../../db/changeset.js';
import { findLabelByName } from '../../db/labels.js';
import type { AnnotationPrompts } from '../../db/records.js';
import { insertAnnotations } from '../annotations/annotations.js';
import { requireImage } from '../annotations/annotationValues.js';
import { insertLabel } from '../labels/labels.js';
import type { Project } from '../projects/project.js';

export interface AutoAnnotation {
  readonly rle: UncompressedRle;
  readonly label: string;
  readonly score: number | null;
  readonly stability: number | null;
  readonly prompts: AnnotationPrompts | null;
  /** Shown as the review reason, e.g. "automatic mask (samlabel auto)". */
  readonly reason: string;
}

/** Already has automatic masks: a resumed run skips it. */
export function hasAutoAnnotations(project: Project, imageId: number): boolean {
  return listAnnotations(project.db, imageId).some((a) => a.source === 'auto');
}

export function addAutoAnnotations(project: Project, imageId: number, items: readonly AutoAnnotation[], description: string): number {
  project.assertWritable();
  if (items.length === 0) return 0;
  return journaled(project.db, imageStack(imageId), description, (cs) => {
    const labelIds = new Map<string, number>();
    for (const name of new Set(items.map((i) => i.label))) labelIds.set(name, (findLabelByName(cs.db, name) ?? insertLabel(cs, { name })).id);
    const inputs = items.map((i) => ({ labelId: labelIds.get(i.label) as number, rle: i.rle, source: 'auto' as const, score: i.score, stability: i.stability, prompts: i.prompts }));
    const added = insertAnnotations(cs, requireImage(cs.db, imageId), inputs);
    added.forEach((a, k) => cs.update('annotations', a.id, { review: 'needs_review', review_reason: items[k].reason }, 'AnnotationNotFound'));
    return added.length;
  });
}
