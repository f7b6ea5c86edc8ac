import { SamlabelError, type ErrorCode } from '../../shared/errors.js';
import { writeTransaction, type Db } from './connection.js';
import { cached, deleteRow, insertRow, patchRow, selectRow, type JournaledTable, type Row } from './tableRows.js';

/** Names the undo stack an edit belongs to: label classes share one, each image has its own. */
export type StackId = 'project' | `image:${number}`;
export const imageStack = (imageId: number): StackId => `image:${imageId}`;

interface RowChange {
  readonly table: JournaledTable;
  readonly rowId: number;
  readonly before: Row | null;
  readonly after: Row | null;
}

/**
 * Collects the row edits of one user intent. Every mutation goes through here, so the journal holds
 * the exact before/after row images; it is written in the same transaction as the edit itself.
 */
export class Changeset {
  private readonly rows: RowChange[] = [];
  readonly now = Date.now();

  constructor(readonly db: Db) {}

  insert(table: JournaledTable, values: Row): Row {
    const id = insertRow(this.db, table, values);
    const after = selectRow(this.db, table, id) as Row;
    this.rows.push({ table, rowId: id, before: null, after });
    return after;
  }

  /** Updates columns of row `id`; `missing` is the error code when it does not exist. */
  update(table: JournaledTable, id: number, patch: Row, missing: ErrorCode): Row {
    const before = this.require(table, id, missing);
    patchRow(this.db, table, id, patch);
    const after = selectRow(this.db, table, id) as Row;
    this.rows.push({ table, rowId: id, before, after });
    return after;
  }

  delete(table: JournaledTable, id: number, missing: ErrorCode): Row {
    const before = this.require(table, id, missing);
    deleteRow(this.db, table, id);
    this.rows.push({ table, rowId: id, before, after: null });
    return before;
  }

  get size(): number {
    return this.rows.length;
  }

  private require(table: JournaledTable, id: number, missing: ErrorCode): Row {
    const row = selectRow(this.db, table, id);
    if (!row) throw new SamlabelError(missing, `${table} row ${id} does not exist`);
    return row;
  }

  /** Writes the journal entry and drops the stack's redo branch; an empty changeset records nothing. */
  commit(stack: StackId, description: string): number | null {
    if (this.rows.length === 0) return null;
    cached(this.db, "DELETE FROM changes WHERE stack = ? AND state = 'undone'").run(stack);
    const info = cached(this.db, "INSERT INTO changes (stack, description, state, created_at) VALUES (?, ?, 'done', ?)").run(
      stack,
      description,
      this.now,
    );
    const changeId = Number(info.lastInsertRowid);
    const insertRowChange = cached(
      this.db,
      'INSERT INTO change_rows (change_id, ord, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.rows.forEach((r, ord) => {
      insertRowChange.run(changeId, ord, r.table, r.rowId, json(r.before), json(r.after));
    });
    return changeId;
  }
}

const json = (row: Row | null): string | null => (row === null ? null : JSON.stringify(row));

/**
 * Runs one edit: fn mutates through the Changeset, and the edit plus its journal entry commit
 * together in one IMMEDIATE transaction (a crash keeps both or neither).
 */
export function journaled<T>(db: Db, stack: StackId, description: string, fn: (cs: Changeset) => T): T {
  return writeTransaction(db, () => {
    const cs = new Changeset(db);
    const result = fn(cs);
    cs.commit(stack, description);
    return result;
  });
}
