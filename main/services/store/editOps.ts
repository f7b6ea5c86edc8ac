/**
 * Annotation and label edits of the app, by id, over the project services (annotations.ts,
 * labels.ts): each is one journaled change. Runs inside the store worker. Records leave as the
 * contract's shapes (string ids), so the main side only validates and forwards them.
 */
import { SamlabelError } from '../../../shared/errors.js';
import { rleArea, rleToBbox } from '../../../shared/masks/rle.js';
import { binarizeRegion } from '../../../shared/sam/postprocess.js';
import { encodeRle } from '../../../shared/masks/rle.js';
import { getAnnotation, listAnnotations } from '../../db/annotations.js';
import { imageStack, journaled } from '../../db/changeset.js';
import { listLabels } from '../../db/labels.js';
import type { Annotation, AnnotationPrompts, AttributeValue, LabelClass } from '../../db/records.js';
import { addAnnotations, deleteAnnotations, updateAnnotation } from '../annotations/annotations.js';
import { requireImage } from '../annotations/annotationValues.js';
import { assertReviewable } from '../annotations/review.js';
import { addLabel, removeLabel, renameLabel, updateLabel } from '../labels/labels.js';
import type { Project } from '../projects/project.js';
import { labelUsage } from './imageQueries.js';

export interface AnnotationOut {
  readonly annotationId: string;
  readonly imageId: string;
  readonly labelId: string;
  readonly rle: { size: [number, number]; counts: string };
  readonly area: number;
  readonly bbox: [number, number, number, number];
  readonly source: Annotation['source'];
  readonly score: number | null;
  readonly stability: number | null;
  readonly attributes: Record<string, AttributeValue>;
  readonly zOrder: number;
  /** Needs a person's look again, and why; null when nothing to check. */
  readonly review: { readonly reason: string } | null;
}

export interface LabelOut {
  readonly labelId: string;
  readonly name: string;
  readonly color: string;
  readonly order: number;
  readonly hotkey: string | null;
  readonly annotationCount: number;
}

/** A candidate the renderer chose: its low-res logits, binarised here at full resolution. */
export interface AcceptInput {
  readonly imageId: number;
  readonly labelId: number;
  readonly lowRes: Float32Array;
  readonly lowResSize: number;
  readonly score: number;
  readonly prompts: AnnotationPrompts;
  readonly attributes?: Record<string, AttributeValue>;
}

export function toAnnotationOut(a: Annotation): AnnotationOut {
  return {
    annotationId: String(a.id),
    imageId: String(a.imageId),
    labelId: String(a.labelId),
    rle: { size: [a.rle.size[0], a.rle.size[1]], counts: a.rle.counts },
    area: rleArea(a.rle),
    bbox: rleToBbox(a.rle),
    source: a.source,
    score: a.score,
    stability: a.stability,
    attributes: a.attributes,
    zOrder: a.zOrder,
    review: a.review === null ? null : { reason: a.reviewReason ?? '' },
  };
}

export const listAnnotationsOut = (project: Project, imageId: number): AnnotationOut[] => listAnnotations(project.db, imageId).map(toAnnotationOut);

/** DESIGN §1 step 3: full-resolution binarisation happens once, here, on accept. */
export function acceptCandidate(project: Project, input: AcceptInput): AnnotationOut {
  const image = requireImage(project.db, input.imageId);
  const size = { height: image.height, width: image.width };
  const { mask, stabilityScore, area } = binarizeRegion(input.lowRes, input.lowResSize, size);
  if (area === 0) throw new SamlabelError('BadInput', 'the chosen candidate is empty at full resolution; nothing to accept');
  const [added] = addAnnotations(project, image.id, [
    {
      labelId: input.labelId,
      rle: encodeRle(mask),
      source: input.prompts.box ? 'box' : 'click',
      score: input.score,
      stability: stabilityScore,
      attributes: input.attributes ?? {},
      prompts: input.prompts,
    },
  ]);
  return toAnnotationOut(added);
}

export interface AnnotationEdit {
  readonly labelId?: number;
  readonly attributes?: Record<string, AttributeValue>;
  /** true clears the needs-review flag (refused for a mask of another size than its image). */
  readonly reviewed?: true;
}

export function updateAnnotationOut(project: Project, id: number, edit: AnnotationEdit): AnnotationOut {
  const { reviewed, ...patch } = edit;
  if (reviewed) assertReviewable(project, id);
  const what = patch.labelId !== undefined ? 'change label' : patch.attributes !== undefined ? 'edit attributes' : 'mark reviewed';
  return toAnnotationOut(updateAnnotation(project, id, reviewed ? { ...patch, review: null } : patch, what));
}

export function deleteAnnotationIds(project: Project, ids: readonly number[]): number {
  deleteAnnotations(project, ids);
  return ids.length;
}

/** New paint order: every annotation of the image, bottom to top; one undo step. */
export function reorderAnnotations(project: Project, imageId: number, ids: readonly number[]): AnnotationOut[] {
  project.assertWritable();
  const current = listAnnotations(project.db, imageId).map((a) => a.id);
  const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
  if (!same) throw new SamlabelError('BadInput', `reorder must list each of image ${imageId}'s ${current.length} annotations once`);
  journaled(project.db, imageStack(imageId), 'reorder annotations', (cs) =>
    ids.forEach((id, z) => {
      if (getAnnotation(cs.db, id)?.zOrder !== z) cs.update('annotations', id, { z_order: z, updated_at: cs.now }, 'AnnotationNotFound');
    }),
  );
  return listAnnotationsOut(project, imageId);
}

// ── labels ──────────────────────────────────────────────────────────────────────────────────────

function labelOut(project: Project, label: LabelClass, usage = labelUsage(project.db)): LabelOut {
  return { labelId: String(label.id), name: label.name, color: label.color, order: label.order, hotkey: label.hotkey, annotationCount: usage.get(label.id) ?? 0 };
}

export function listLabelsOut(project: Project): LabelOut[] {
  const usage = labelUsage(project.db);
  return listLabels(project.db).map((l) => labelOut(project, l, usage));
}

function labelName(project: Project, labelId: number): string {
  const label = listLabels(project.db).find((l) => l.id === labelId);
  if (!label) throw new SamlabelError('LabelNotFound', `label ${labelId} does not exist`);
  return label.name;
}

export type LabelEdit =
  | { readonly op: 'add'; readonly name: string; readonly color?: string; readonly hotkey?: string | null }
  | { readonly op: 'rename'; readonly labelId: number; readonly name: string }
  | { readonly op: 'recolour'; readonly labelId: number; readonly color: string }
  | { readonly op: 'setHotkey'; readonly labelId: number; readonly hotkey: string | null };

export function editLabel(project: Project, edit: LabelEdit): LabelOut {
  switch (edit.op) {
    case 'add':
      return labelOut(project, addLabel(project, { name: edit.name, color: edit.color, hotkey: edit.hotkey ?? null }));
    case 'rename':
      return labelOut(project, renameLabel(project, labelName(project, edit.labelId), edit.name));
    case 'recolour':
      return labelOut(project, updateLabel(project, labelName(project, edit.labelId), { color: edit.color }));
    case 'setHotkey':
      return labelOut(project, updateLabel(project, labelName(project, edit.labelId), { hotkey: edit.hotkey }));
  }
}

export function removeLabelById(project: Project, labelId: number, opts: { cascade?: boolean; reassignTo?: number }): number {
  const reassignTo = opts.reassignTo === undefined ? undefined : labelName(project, opts.reassignTo);
  return removeLabel(project, labelName(project, labelId), { cascade: opts.cascade, reassignTo });
}
