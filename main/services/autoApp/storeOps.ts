/**
 * The store side of automatic masks in the app (runs inside the store worker, like editOps.ts):
 * masks a person accepted in the Auto panel, and a background batch's masks flagged needs_review.
 * Each call is one journaled change, so a bulk accept is one undo step.
 */
import { SamlabelError } from '../../../shared/errors.js';
import type { UncompressedRle } from '../../../shared/masks/types.js';
import { listLabels } from '../../db/labels.js';
import { addAnnotations } from '../annotations/annotations.js';
import { addAutoAnnotations, hasAutoAnnotations } from '../auto/intoProject.js';
import type { Project } from '../projects/project.js';
import { toAnnotationOut, type AnnotationOut } from '../store/editOps.js';

/** One generated mask, in original-image pixels. */
export interface AutoMask {
  readonly rle: UncompressedRle;
  readonly predictedIou: number;
  readonly stabilityScore: number;
  readonly pointCoords: ReadonlyArray<readonly [number, number]>;
}

const promptsOf = (m: AutoMask) => ({ pointCoords: m.pointCoords.map(([x, y]): [number, number] => [x, y]), pointLabels: m.pointCoords.map(() => 1), box: null });

/** Masks the person looked at and kept: source 'auto', not flagged for review; one undo step. */
export function acceptAutoMasks(project: Project, imageId: number, labelId: number, masks: readonly AutoMask[]): AnnotationOut[] {
  const inputs = masks.map((m) => ({ labelId, rle: m.rle, source: 'auto' as const, score: m.predictedIou, stability: m.stabilityScore, prompts: promptsOf(m) }));
  const description = masks.length === 1 ? 'accept automatic mask' : `accept ${masks.length} automatic masks`;
  return addAnnotations(project, imageId, inputs, description).map(toAnnotationOut);
}

/** A background batch's masks of one image: flagged needs_review (as `samlabel auto --into-project`). */
export function addReviewAutoMasks(project: Project, imageId: number, labelId: number | null, masks: readonly AutoMask[]): number {
  const label = labelId === null ? 'object' : listLabels(project.db).find((l) => l.id === labelId)?.name;
  if (label === undefined) throw new SamlabelError('LabelNotFound', `label ${labelId} does not exist`);
  const items = masks.map((m) => ({ rle: m.rle, label, score: m.predictedIou, stability: m.stabilityScore, prompts: promptsOf(m), reason: 'automatic mask (app batch)' }));
  return addAutoAnnotations(project, imageId, items, `auto: ${items.length} masks`);
}

/** A detector box's mask (auto:importBoxes): labelled with the detection's class, flagged needs_review. */
export interface BoxMaskIn {
  readonly rle: UncompressedRle;
  readonly label: string;
  readonly score: number | null;
  readonly stability: number;
  readonly box: [number, number, number, number];
}

/** One image's box masks, as `samlabel boxes --into-project` adds them: one undo step. */
export function addReviewBoxMasks(project: Project, imageId: number, masks: readonly BoxMaskIn[]): number {
  const items = masks.map((m) => ({ rle: m.rle, label: m.label, score: m.score, stability: m.stability, prompts: { pointCoords: [], pointLabels: [], box: m.box }, reason: 'mask from a detector box (app import)' }));
  return addAutoAnnotations(project, imageId, items, `boxes: ${items.length} masks`);
}

export { hasAutoAnnotations };
