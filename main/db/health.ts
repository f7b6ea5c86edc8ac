import Database from 'better-sqlite3';
import { listBackups } from './backup.js';
import { noSchemaProblem, type Db } from './connection.js';
import { migrate, schemaVersion } from './migrate.js';

/** integrity_check's and foreign_key_check's complaints (empty when healthy); failing to open or read counts as one. */
export function healthProblems(path: string): string[] {
  let db: Db | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    if (schemaVersion(db) === 0) return [noSchemaProblem(path)];
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const fk = db.pragma('foreign_key_check') as unknown[];
    return fk.length > 0 ? [...problems, `${fk.length} broken references`] : problems;
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  } finally {
    db?.close();
  }
}

/** Brings a closed database file (a restored backup) to the current schema. */
export function migrateFile(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    migrate(db);
  } finally {
    db.close();
  }
}

/** What a backup holds, so a user can judge it before it replaces their database. */
export interface BackupSummary {
  readonly path: string;
  readonly schemaVersion: number;
  readonly images: number;
  readonly labels: number;
  readonly annotations: number;
}

/** The newest backup in dir that passes integrity_check, with its row counts; null when none does. */
export function newestSoundBackup(dir: string): BackupSummary | null {
  const path = listBackups(dir).find((b) => healthProblems(b).length === 0);
  if (path === undefined) return null;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { path, schemaVersion: schemaVersion(db), images: count('images'), labels: count('labels'), annotations: count('annotations') };
  } finally {
    db.close();
  }
}
