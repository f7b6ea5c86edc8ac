import { imageStack, type StackId } from '../../db/changeset.js';
import { redo, stackState, undo, type ChangeSummary, type StackState } from '../../db/history.js';
import type { Project } from '../projects/project.js';

/** Which undo stack: an image's annotation edits, or the project's label-class edits. */
export type UndoScope = { readonly imageId: number } | 'project';

const stackOf = (scope: UndoScope): StackId => (scope === 'project' ? 'project' : imageStack(scope.imageId));

/** Undoes the scope's latest edit (NothingToUndo when none; UndoConflict when a later edit blocks it). */
export function undoEdit(project: Project, scope: UndoScope): ChangeSummary {
  project.assertWritable();
  return undo(project.db, stackOf(scope));
}

export function redoEdit(project: Project, scope: UndoScope): ChangeSummary {
  project.assertWritable();
  return redo(project.db, stackOf(scope));
}

/** What undo and redo would do next, for menus and tooltips. */
export function historyState(project: Project, scope: UndoScope): StackState {
  return stackState(project.db, stackOf(scope));
}
