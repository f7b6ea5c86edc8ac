import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection.js';

/** A backup file name sorts by time: `project-v30-20250101T120000000Z.db`. */
export function backupFileName(version: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `project-v${version}-${stamp}.db`;
}

/**
 * Writes a consistent, compacted copy of the live database with `VACUUM INTO` (readers and the
 * WAL are handled by SQLite; a plain file copy could catch a half-checkpointed file).
 */
export function vacuumInto(db: Db, dir: string, version: number): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, backupFileName(version));
  db.prepare('VACUUM INTO ?').run(path);
  return path;
}

/** Backups in dir, newest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^project-v\d+-\d{8}T\d+Z\.db$/.test(n))
    .sort((a, b) => stampOf(b).localeCompare(stampOf(a)))
    .map((n) => join(dir, n));
}

function stampOf(name: string): string {
  return name.replace(/^project-v\d+-/, '');
}

/** Keeps the newest `keep` backups; older ones are removed so backups cannot fill the disk. */
export function pruneBackups(dir: string, keep: number): void {
  for (const path of listBackups(dir).slice(keep)) rmSync(path, { force: true });
}
