import { SamlabelError } from '../../../shared/errors.js';
import { journaled, type Changeset } from '../../db/changeset.js';
import { annotationIdsWithLabel, listLabels, nextLabelOrder, toLabelClass } from '../../db/labels.js';
import type { LabelClass } from '../../db/records.js';
import type { Row } from '../../db/tableRows.js';
import type { Project } from '../projects/project.js';
import { checkColor, checkHotkey, checkLabelName, paletteColor, requireFreeName, requireLabel } from './labelValues.js';

/**
 * Label classes. Every edit is one journaled change on the project-level undo stack, including
 * the annotations a merge, reassign or cascade moves or deletes.
 */

export interface NewLabel {
  readonly name: string;
  /** '#rrggbb'; defaults to the palette colour of the label's position. */
  readonly color?: string;
  readonly hotkey?: string | null;
  readonly supercategory?: string;
  readonly order?: number;
}

export type LabelPatch = Partial<Omit<NewLabel, 'name'>>;

export interface RemoveLabelOptions {
  /** Delete the label's annotations with it. */
  readonly cascade?: boolean;
  /** Move the label's annotations to this label first. */
  readonly reassignTo?: string;
}

export function listLabelClasses(project: Project): LabelClass[] {
  return listLabels(project.db);
}

export function addLabel(project: Project, input: NewLabel): LabelClass {
  project.assertWritable();
  return journaled(project.db, 'project', `add label ${input.name.trim()}`, (cs) => insertLabel(cs, input));
}

/** For importers that create missing categories inside their own changeset. */
export function insertLabel(cs: Changeset, input: NewLabel): LabelClass {
  const name = checkLabelName(input.name);
  requireFreeName(cs.db, name);
  const order = input.order ?? nextLabelOrder(cs.db);
  const row: Row = {
    name,
    color: checkColor(input.color ?? paletteColor(order)),
    sort_order: order,
    hotkey: checkHotkey(cs.db, input.hotkey ?? null),
    supercategory: input.supercategory ?? '',
    created_at: cs.now,
    updated_at: cs.now,
  };
  return toLabelClass(cs.insert('labels', row));
}

export function updateLabel(project: Project, name: string, patch: LabelPatch): LabelClass {
  project.assertWritable();
  return journaled(project.db, 'project', `edit label ${name}`, (cs) => {
    const label = requireLabel(cs.db, name);
    const row: Row = { updated_at: cs.now };
    if (patch.color !== undefined) row.color = checkColor(patch.color);
    if (patch.hotkey !== undefined) row.hotkey = checkHotkey(cs.db, patch.hotkey, label.id);
    if (patch.supercategory !== undefined) row.supercategory = patch.supercategory;
    if (patch.order !== undefined) row.sort_order = patch.order;
    return toLabelClass(cs.update('labels', label.id, row, 'LabelNotFound'));
  });
}

/** Renames; a name taken by another label is refused (merge into it instead). */
export function renameLabel(project: Project, from: string, to: string): LabelClass {
  project.assertWritable();
  return journaled(project.db, 'project', `rename label ${from} to ${to}`, (cs) => {
    const label = requireLabel(cs.db, from);
    const name = checkLabelName(to);
    requireFreeName(cs.db, name, label.id);
    return toLabelClass(cs.update('labels', label.id, { name, updated_at: cs.now }, 'LabelNotFound'));
  });
}

/** Moves every annotation of `source` to `target`, then deletes `source`. Returns how many moved. */
export function mergeLabels(project: Project, source: string, target: string): number {
  project.assertWritable();
  return journaled(project.db, 'project', `merge label ${source} into ${target}`, (cs) => {
    const from = requireLabel(cs.db, source);
    const to = requireLabel(cs.db, target);
    if (from.id === to.id) throw new SamlabelError('BadInput', `cannot merge label "${from.name}" into itself`);
    const moved = moveAnnotations(cs, from.id, to.id);
    cs.delete('labels', from.id, 'LabelNotFound');
    return moved;
  });
}

/**
 * Deletes a label. One in use is refused (LabelInUse) unless its annotations are deleted with it
 * (`cascade`) or moved to another label (`reassignTo`). Returns how many annotations were affected.
 */
export function removeLabel(project: Project, name: string, opts: RemoveLabelOptions = {}): number {
  project.assertWritable();
  if (opts.cascade && opts.reassignTo !== undefined) throw new SamlabelError('BadInput', 'choose either cascade or reassign, not both');
  return journaled(project.db, 'project', `remove label ${name}`, (cs) => {
    const label = requireLabel(cs.db, name);
    const ids = annotationIdsWithLabel(cs.db, label.id);
    let affected = 0;
    if (opts.reassignTo !== undefined) {
      const target = requireLabel(cs.db, opts.reassignTo);
      if (target.id === label.id) throw new SamlabelError('BadInput', `cannot reassign label "${label.name}" to itself`);
      affected = moveAnnotations(cs, label.id, target.id);
    } else if (ids.length > 0 && !opts.cascade) {
      throw new SamlabelError('LabelInUse', `label "${label.name}" is used by ${ids.length} annotation(s): pass --cascade to delete them or --reassign <label>`);
    } else {
      ids.forEach((id) => cs.delete('annotations', id, 'AnnotationNotFound'));
      affected = ids.length;
    }
    cs.delete('labels', label.id, 'LabelNotFound');
    return affected;
  });
}

function moveAnnotations(cs: Changeset, fromId: number, toId: number): number {
  const ids = annotationIdsWithLabel(cs.db, fromId);
  for (const id of ids) cs.update('annotations', id, { label_id: toId, updated_at: cs.now }, 'AnnotationNotFound');
  return ids.length;
}
