import { SamlabelError } from '../../shared/errors.js';
import type { StackId } from './changeset.js';
import { writeTransaction, type Db } from './connection.js';
import { applyOrConflict, cached, deleteRow, insertRow, isJournaledTable, patchRow, type JournaledTable, type Row } from './tableRows.js';

export interface ChangeSummary {
  readonly changeId: number;
  readonly stack: StackId;
  readonly description: string;
  /** Images whose annotations or status the change touched (what a UI must redraw). */
  readonly imageIds: number[];
}

export interface StackState {
  readonly undo: string | null;
  readonly redo: string | null;
}

interface ChangeRowRecord {
  readonly tbl: string;
  readonly row_id: number;
  readonly before: string | null;
  readonly after: string | null;
}

/** Descriptions of the next undo and redo of a stack (null when there is none). */
export function stackState(db: Db, stack: StackId): StackState {
  const undo = nextChange(db, stack, 'undo');
  const redo = nextChange(db, stack, 'redo');
  return { undo: undo?.description ?? null, redo: redo?.description ?? null };
}

function nextChange(db: Db, stack: StackId, dir: 'undo' | 'redo'): { id: number; description: string } | undefined {
  const sql =
    dir === 'undo'
      ? "SELECT id, description FROM changes WHERE stack = ? AND state = 'done' ORDER BY id DESC LIMIT 1"
      : "SELECT id, description FROM changes WHERE stack = ? AND state = 'undone' ORDER BY id ASC LIMIT 1";
  return cached(db, sql).get(stack) as { id: number; description: string } | undefined;
}

/**
 * Reverts the stack's latest change: its rows are applied backwards, before-images restored.
 * Updates restore only the columns the change touched, so a later edit from another stack (a label
 * merge moving an annotation that was since recoloured…) keeps its own columns. A row that is gone
 * is skipped; a constraint that no longer holds fails the whole undo with UndoConflict.
 */
export function undo(db: Db, stack: StackId): ChangeSummary {
  return step(db, stack, 'undo');
}

/** Re-applies the change undone last, after-images in order. */
export function redo(db: Db, stack: StackId): ChangeSummary {
  return step(db, stack, 'redo');
}

function step(db: Db, stack: StackId, dir: 'undo' | 'redo'): ChangeSummary {
  return writeTransaction(db, () => {
    const change = nextChange(db, stack, dir);
    if (!change) {
      throw dir === 'undo'
        ? new SamlabelError('NothingToUndo', `nothing to undo in ${stack}`)
        : new SamlabelError('NothingToRedo', `nothing to redo in ${stack}`);
    }
    const rows = cached(db, 'SELECT tbl, row_id, before, after FROM change_rows WHERE change_id = ? ORDER BY ord').all(
      change.id,
    ) as ChangeRowRecord[];
    const ordered = dir === 'undo' ? rows.reverse() : rows;
    const imageIds = new Set<number>();
    for (const r of ordered) applyRow(db, r, dir, change.description, imageIds);
    cached(db, 'UPDATE changes SET state = ? WHERE id = ?').run(dir === 'undo' ? 'undone' : 'done', change.id);
    return { changeId: change.id, stack, description: change.description, imageIds: [...imageIds].sort((a, b) => a - b) };
  });
}

function applyRow(db: Db, r: ChangeRowRecord, dir: 'undo' | 'redo', description: string, imageIds: Set<number>): void {
  if (!isJournaledTable(r.tbl)) throw new SamlabelError('ProjectCorrupt', `edit journal names unknown table ${r.tbl}`);
  const table: JournaledTable = r.tbl;
  const before = r.before === null ? null : (JSON.parse(r.before) as Row);
  const after = r.after === null ? null : (JSON.parse(r.after) as Row);
  const [from, to] = dir === 'undo' ? [after, before] : [before, after];
  noteImage(table, r.row_id, before, after, imageIds);
  applyOrConflict(`${dir} "${description}"`, () => {
    if (to === null) deleteRow(db, table, r.row_id);
    else if (from === null) insertRow(db, table, to);
    else patchRow(db, table, r.row_id, changedColumns(from, to));
  });
}

/** The columns whose value differs between the two row images, with their `to` values. */
function changedColumns(from: Row, to: Row): Row {
  const patch: Row = {};
  for (const [k, v] of Object.entries(to)) if (from[k] !== v) patch[k] = v;
  return patch;
}

function noteImage(table: JournaledTable, rowId: number, before: Row | null, after: Row | null, ids: Set<number>): void {
  if (table === 'images') ids.add(rowId);
  if (table !== 'annotations') return;
  for (const row of [before, after]) if (row && typeof row.image_id === 'number') ids.add(row.image_id);
}
