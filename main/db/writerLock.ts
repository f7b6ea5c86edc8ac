import Database from 'better-sqlite3';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SamlabelError } from '../../shared/errors.js';

/** Who holds a project's writer lock; shown to the user when a second writer is refused. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
  readonly command: string;
}

export interface WriterLock {
  readonly owner: LockOwner;
  release(): void;
}

export const lockFilePath = (dbPath: string): string => `${dbPath}.lock`;
export const lockOwnerPath = (dbPath: string): string => `${dbPath}.lock.json`;

/**
 * One writer per project database, across processes (the app and the CLI at once).
 *
 * The lock is an OS file lock that SQLite takes on a tiny side file `<db>.lock`: opened with
 * `locking_mode=EXCLUSIVE`, a `BEGIN EXCLUSIVE` keeps the lock until the connection closes. The kernel
 * drops it when the holder dies (even on SIGKILL), so there is no stale lock to detect or break, and
 * no pid-reuse race. `<db>.lock.json` only names the holder for the error message. SQLite's unix VFS
 * also makes a second open in the same process fail. (Unreliable on network file systems whose
 * locking is broken, like SQLite itself there.)
 */
export function acquireWriterLock(dbPath: string, command: string): WriterLock {
  const lockDb = openLockDb(dbPath);
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.pragma('journal_mode = MEMORY');
    lockDb.exec('BEGIN EXCLUSIVE');
    lockDb.exec('COMMIT');
  } catch (err) {
    lockDb.close();
    if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY')) throw lockedError(dbPath);
    throw err;
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), command };
  writeOwner(dbPath, owner);
  return {
    owner,
    release() {
      if (!lockDb.open) return;
      if (readLockOwner(dbPath)?.pid === process.pid) rmSync(lockOwnerPath(dbPath), { force: true });
      lockDb.close();
    },
  };
}

function openLockDb(dbPath: string): Database.Database {
  try {
    return new Database(lockFilePath(dbPath), { timeout: 0 });
  } catch (err) {
    if (!(err instanceof Database.SqliteError)) throw err;
    // The lock file sits beside the database: failing to create it means its folder is not writable.
    throw new SamlabelError('ProjectReadOnly', `cannot write beside ${dbPath} (${err.message}): is its folder read-only?`);
  }
}

function writeOwner(dbPath: string, owner: LockOwner): void {
  const tmp = `${lockOwnerPath(dbPath)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(owner));
  renameSync(tmp, lockOwnerPath(dbPath));
}

export function readLockOwner(dbPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockOwnerPath(dbPath), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function lockedError(dbPath: string): SamlabelError {
  const owner = readLockOwner(dbPath);
  const who = owner ? `pid ${owner.pid} on ${owner.hostname} (${owner.command}, since ${owner.since})` : 'another process';
  return new SamlabelError('ProjectLocked', `project database ${dbPath} is open for writing by ${who}; close it there first`);
}

/**
 * Whether a writer holds the project now (for `project info`), without taking the lock for longer
 * than the probe and without touching the owner file.
 */
export function probeWriterLock(dbPath: string): { readonly held: boolean; readonly owner: LockOwner | null } {
  let probe: Database.Database;
  try {
    probe = new Database(lockFilePath(dbPath), { timeout: 0, fileMustExist: true });
  } catch {
    return { held: false, owner: null };
  }
  try {
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
    return { held: false, owner: null };
  } catch {
    return { held: true, owner: readLockOwner(dbPath) };
  } finally {
    probe.close();
  }
}
