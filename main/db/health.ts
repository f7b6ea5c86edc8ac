import Database from 'better-sqlite3';
import type { Db } from './connection.js';
import { migrate } from './migrate.js';

/** integrity_check's and foreign_key_check's complaints (empty when healthy); failing to open or read counts as one. */
export function healthProblems(path: string): string[] {
  let db: Db | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
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
