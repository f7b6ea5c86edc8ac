import Database from 'better-sqlite3';
import { SamlabelError } from '../../shared/errors.js';
import { statSync } from 'node:fs';

export type Db = Database.Database;

export interface OpenDbOptions {
  readonly readonly?: boolean;
  /** Refuse to create the file (every command but `project init`). */
  readonly mustExist?: boolean;
  /**
   * Refuse a file with no schema (user_version 0) as ProjectCorrupt, before any pragma can write to
   * it: SQLite takes a 0-byte file for a valid empty database, and migrating it would build a fresh
   * empty project over the user's (truncated) one. Every open but init's sets it.
   */
  readonly requireSchema?: boolean;
}

/**
 * How long a statement waits for another connection's lock. Kept small: the only other
 * connections are readers (WAL never blocks them) and a checkpoint, so a long wait means
 * something is wrong and the user should hear ProjectLocked rather than watch a hang.
 */
export const BUSY_TIMEOUT_MS = 2000;

/** Opens a project database with the pragmas every connection needs; errors become typed codes. */
export function openDb(path: string, opts: OpenDbOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.mustExist ?? false, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw translateSqliteError(err, path);
  }
  try {
    applyPragmas(db, opts);
  } catch (err) {
    db.close();
    throw translateSqliteError(err, path);
  }
  return db;
}

function applyPragmas(db: Db, opts: OpenDbOptions): void {
  // Reading the schema first makes a damaged or foreign file fail here, with a clear code.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  if (opts.requireSchema && db.pragma('user_version', { simple: true }) === 0) {
    throw new SamlabelError('ProjectCorrupt', `project database ${db.name} is damaged: ${noSchemaProblem(db.name)}`);
  }
  db.pragma('foreign_keys = ON');
  if (opts.readonly) return;
  db.pragma('journal_mode = WAL');
  // FULL: a committed edit survives power loss too, not only a process crash (WAL + NORMAL would not).
  db.pragma('synchronous = FULL');
}

/**
 * Why a database with no schema is named a problem: SQLite treats a 0-byte file as a valid empty
 * database, so a truncated project.db passes integrity_check, and a migration would quietly build a
 * fresh empty project over it. Our databases always have user_version > 0 once created.
 */
export function noSchemaProblem(path: string): string {
  let bytes = -1;
  try {
    bytes = statSync(path).size;
  } catch {
    // The caller has already opened it; a size we cannot read only changes the wording.
  }
  return bytes === 0 ? 'the file is empty (0 bytes)' : 'the file holds no samlabel schema (user_version 0)';
}

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/** Maps better-sqlite3's SqliteError codes onto samlabel's typed errors; anything else passes through. */
export function translateSqliteError(err: unknown, path: string): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  if (CORRUPT_CODES.has(err.code)) {
    return new SamlabelError('ProjectCorrupt', `project database ${path} is damaged (${err.message})`);
  }
  if (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED')) {
    return new SamlabelError('ProjectLocked', `project database ${path} is busy: another samlabel is writing to it`);
  }
  if (err.code.startsWith('SQLITE_READONLY')) {
    return new SamlabelError('ProjectReadOnly', `project database ${path} is read-only (${err.message})`);
  }
  if (err.code.startsWith('SQLITE_IOERR')) {
    return new SamlabelError('FileError', `cannot read or write project database ${path}: ${err.message} (${err.code})`);
  }
  if (err.code.startsWith('SQLITE_CANTOPEN')) {
    return new SamlabelError('ProjectNotFound', `cannot open project database ${path} (${err.message})`);
  }
  return err;
}

/** Runs fn in a BEGIN IMMEDIATE transaction (the write lock is taken up front, so no deadlock-prone upgrade). */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    throw translateSqliteError(err, db.name);
  }
}
