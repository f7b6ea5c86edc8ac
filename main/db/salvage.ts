import Database from 'better-sqlite3';
import { SamlabelError } from '../../shared/errors.js';
import type { Db } from './connection.js';
import { migrate, schemaVersion } from './migrate.js';
import { LATEST_VERSION } from './migrations/registry.js';

export interface TableSalvage {
  readonly table: string;
  readonly copied: number;
  /** Reads that failed on damaged pages; the rows there are lost. */
  readonly readErrors: number;
  /** Rows read but refused by the schema's checks (garbled values). */
  readonly rejected: number;
}

export interface SalvageResult {
  readonly tables: TableSalvage[];
  /** Undo history is dropped when any row was lost: its row images no longer match the data. */
  readonly journalDropped: boolean;
  /** Annotations whose image row was lost. */
  readonly orphansRemoved: number;
  /** Placeholder labels made for annotations whose label row was lost (named 'recovered-<id>'). */
  readonly labelsRecreated: number;
}

/** Parents first, so the copy reads naturally; foreign keys are off during the copy anyway. */
const TABLES: readonly { name: string; key: string }[] = [
  { name: 'meta', key: 'rowid' },
  { name: 'images', key: 'rowid' },
  { name: 'labels', key: 'rowid' },
  { name: 'annotations', key: 'rowid' },
  { name: 'changes', key: 'rowid' },
  { name: 'change_rows', key: 'change_id' },
];

const MAX_READ_ERRORS = 64;
const isCorruption = (err: unknown): boolean =>
  err instanceof Database.SqliteError && (err.code.startsWith('SQLITE_CORRUPT') || err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_IOERR'));

/**
 * Copies every readable row of a damaged database into `target` (already migrated, empty), the way
 * the sqlite3 shell's `.recover` salvages: table by table in key order; when a read fails on a damaged
 * page the copy skips ahead by growing steps of the key until it reads again. Then it repairs what the
 * losses broke (orphans, journal) so the result passes integrity and foreign-key checks.
 */
export function salvageInto(source: Db, target: Db): SalvageResult {
  const present = new Set(source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  target.pragma('foreign_keys = OFF');
  const tables = target.transaction(() =>
    TABLES.filter((t) => present.has(t.name)).map((t) => copyTable(source, target, t.name, t.key)),
  )();
  const lost = tables.some((t) => t.readErrors > 0 || t.rejected > 0);
  const fix = target.transaction(() => repair(target, lost))();
  target.pragma('foreign_keys = ON');
  const violations = target.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) throw new SamlabelError('ProjectCorrupt', `salvaged database still has ${violations.length} broken references`);
  return { tables, journalDropped: lost, ...fix };
}

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((n) => /^[a-z_][a-z0-9_]*$/i.test(n));
}

function copyTable(source: Db, target: Db, table: string, key: string): TableSalvage {
  const targetCols = new Set(columnsOf(target, table));
  const cols = columnsOf(source, table).filter((c) => targetCols.has(c));
  const insert = target.prepare(`INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const read = source.prepare(`SELECT ${key} AS salvage_key, ${cols.join(', ')} FROM ${table} WHERE ${key} > ? ORDER BY ${key}`).raw();
  // Our keys are all positive (AUTOINCREMENT ids, meta's rowid), so 0 starts before the first row.
  let after = 0;
  let step = 1;
  const n = { copied: 0, readErrors: 0, rejected: 0 };
  for (;;) {
    try {
      for (const row of read.iterate(after) as IterableIterator<unknown[]>) {
        after = row[0] as number;
        step = 1;
        insertOne(insert, row.slice(1), n);
      }
      return { table, ...n };
    } catch (err) {
      if (!isCorruption(err)) throw err;
      if (++n.readErrors > MAX_READ_ERRORS) return { table, ...n };
      after += step;
      step *= 2;
    }
  }
}

function insertOne(insert: Database.Statement, values: unknown[], n: { copied: number; rejected: number }): void {
  try {
    insert.run(...values);
    n.copied += 1;
  } catch (err) {
    if (!(err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT'))) throw err;
    n.rejected += 1;
  }
}

function repair(db: Db, lost: boolean): { orphansRemoved: number; labelsRecreated: number } {
  if (lost) db.exec('DELETE FROM change_rows; DELETE FROM changes;');
  db.exec('DELETE FROM change_rows WHERE change_id NOT IN (SELECT id FROM changes)');
  const orphansRemoved = db.prepare('DELETE FROM annotations WHERE image_id NOT IN (SELECT id FROM images)').run().changes;
  const missingLabels = db
    .prepare('SELECT DISTINCT label_id FROM annotations WHERE label_id NOT IN (SELECT id FROM labels)')
    .pluck()
    .all() as number[];
  const now = Date.now();
  const addLabel = db.prepare(
    "INSERT INTO labels (id, name, color, sort_order, supercategory, created_at, updated_at) VALUES (?, ?, '#808080', ?, '', ?, ?)",
  );
  for (const id of missingLabels) addLabel.run(id, `recovered-${id}`, 1_000_000 + id, now, now);
  return { orphansRemoved, labelsRecreated: missingLabels.length };
}

/**
 * Salvages the database file at `damagedPath` into a new file `rebuiltPath` of the current schema.
 * Returns null when the damaged file is too broken to read its schema, or has none (then only a backup helps).
 */
export function salvageFile(damagedPath: string, rebuiltPath: string): SalvageResult | null {
  let source: Db | undefined;
  let target: Db | undefined;
  try {
    source = new Database(damagedPath, { fileMustExist: true });
    const version = schemaVersion(source);
    // No schema (an empty or foreign file): there are no rows to save, only a backup can help.
    if (version === 0) return null;
    if (version > LATEST_VERSION) {
      throw new SamlabelError('DbVersionFromFuture', `the damaged database has schema ${version}: recover it with a newer samlabel`);
    }
    target = new Database(rebuiltPath);
    migrate(target);
    return salvageInto(source, target);
  } catch (err) {
    if (isCorruption(err)) return null;
    throw err;
  } finally {
    source?.close();
    target?.close();
  }
}

/** Whether salvageFile could read rows from this file: its header and schema are readable and it has one. */
export function salvageable(path: string): boolean {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").get();
    return schemaVersion(db) > 0;
  } catch (err) {
    if (isCorruption(err)) return false;
    throw err;
  } finally {
    db?.close();
  }
}
