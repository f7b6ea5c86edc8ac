import Database from 'better-sqlite3';
import { SamlabelError } from '../../shared/errors.js';
import type { Db } from './connection.js';

/** A value SQLite hands back for our STRICT tables (no BLOB columns). */
export type SqlValue = string | number | null;
/** One full table row, keyed by column name, `id` included: the unit the edit journal stores. */
export type Row = Record<string, SqlValue>;

/** Tables whose edits are journaled (and may be undone). */
export type JournaledTable = 'images' | 'labels' | 'annotations';
const JOURNALED: readonly JournaledTable[] = ['images', 'labels', 'annotations'];

export function isJournaledTable(name: string): name is JournaledTable {
  return (JOURNALED as readonly string[]).includes(name);
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares once per connection: bulk edits run the same few statements thousands of times. */
export function cached(db: Db, sql: string): Database.Statement {
  let perDb = statementCache.get(db);
  if (!perDb) statementCache.set(db, (perDb = new Map()));
  let stmt = perDb.get(sql);
  if (!stmt) perDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

const columnCache = new WeakMap<Db, Map<JournaledTable, Set<string>>>();

/**
 * The table's columns as the live schema has them. Journal rows are filtered through this, so a
 * column name read back from JSON never reaches SQL text unchecked, and rows journaled before a
 * later migration added a column still apply (the new column takes its default).
 */
function columnsOf(db: Db, table: JournaledTable): Set<string> {
  let perDb = columnCache.get(db);
  if (!perDb) columnCache.set(db, (perDb = new Map()));
  let cols = perDb.get(table);
  if (!cols) {
    const info = db.pragma(`table_info(${table})`) as { name: string }[];
    perDb.set(table, (cols = new Set(info.map((c) => c.name))));
  }
  return cols;
}

function knownKeys(db: Db, table: JournaledTable, row: Row): string[] {
  const cols = columnsOf(db, table);
  return Object.keys(row).filter((k) => cols.has(k));
}

export function selectRow(db: Db, table: JournaledTable, id: number): Row | undefined {
  return cached(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
}

/** Inserts a row (with or without `id`); returns its id. */
export function insertRow(db: Db, table: JournaledTable, row: Row): number {
  const keys = knownKeys(db, table, row);
  const sql = `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  const info = cached(db, sql).run(...keys.map((k) => row[k]));
  return Number(info.lastInsertRowid);
}

/** Sets the given columns of row `id`; returns false when the row does not exist. */
export function patchRow(db: Db, table: JournaledTable, id: number, patch: Row): boolean {
  const keys = knownKeys(db, table, patch).filter((k) => k !== 'id');
  if (keys.length === 0) return selectRow(db, table, id) !== undefined;
  const sql = `UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`;
  return cached(db, sql).run(...keys.map((k) => patch[k]), id).changes > 0;
}

export function deleteRow(db: Db, table: JournaledTable, id: number): boolean {
  return cached(db, `DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
}

/** Runs a row operation of undo/redo; a constraint that no longer holds becomes UndoConflict. */
export function applyOrConflict<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT')) {
      throw new SamlabelError('UndoConflict', `cannot ${what}: a later edit conflicts with it (${err.message})`);
    }
    throw err;
  }
}
