import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { listBackups } from '../../db/backup.js';
import { healthProblems, migrateFile } from '../../db/health.js';
import { salvageFile, type SalvageResult } from '../../db/salvage.js';
import { acquireWriterLock } from '../../db/writerLock.js';
import { resolveProjectPaths } from './dbRegistry.js';
import type { ProjectPaths } from './paths.js';

export interface RecoverOptions {
  readonly db?: string;
  /** Skip salvage and restore the newest backup that passes an integrity check. */
  readonly fromBackup?: boolean;
}

export interface RecoverResult {
  /** Where the damaged database (with its -wal and -shm) was copied before anything else. */
  readonly copyDir: string;
  readonly method: 'healthy' | 'salvaged' | 'backup';
  /** What integrity_check (or opening) said about the damaged file. */
  readonly problems: string[];
  readonly salvage: SalvageResult | null;
  readonly backupUsed: string | null;
}

/**
 * `samlabel project recover`. Never destroys evidence:
 *  1. takes the writer lock (the app must not be writing meanwhile);
 *  2. copies the database and its -wal/-shm to `<recoveryDir>/<time>/`;
 *  3. checks a working copy: a healthy database is left as it is;
 *  4. otherwise salvages every readable row into a fresh database of the current schema
 *     (see salvageInto), or, when the file is unreadable (header or schema destroyed) or
 *     `fromBackup` is set, restores the newest backup that passes integrity_check;
 *  5. checks the result (integrity_check, foreign_key_check) and only then moves it over the
 *     damaged file. Edits made after that backup are lost in the backup case.
 */
export function recoverProject(folder: string, opts: RecoverOptions = {}): RecoverResult {
  const paths = resolveProjectPaths(folder, opts.db);
  if (!existsSync(paths.dbPath)) throw new SamlabelError('ProjectNotFound', `no samlabel project database at ${paths.dbPath}`);
  const lock = acquireWriterLock(paths.dbPath, 'samlabel project recover');
  try {
    const copyDir = copyDamaged(paths);
    const work = join(copyDir, 'work', basename(paths.dbPath));
    copyDbFiles(join(copyDir, basename(paths.dbPath)), work);
    const problems = healthProblems(work);
    if (problems.length === 0 && !opts.fromBackup) return { copyDir, method: 'healthy', problems, salvage: null, backupUsed: null };
    const rebuilt = `${paths.dbPath}.recovering`;
    removeDbFiles(rebuilt);
    const salvage = opts.fromBackup ? null : salvageFile(work, rebuilt);
    const backupUsed = salvage ? null : restoreBackup(paths, rebuilt);
    const after = healthProblems(rebuilt);
    if (after.length > 0) throw new SamlabelError('ProjectCorrupt', `recovered database failed its check (${after[0]}); nothing was replaced`);
    removeDbFiles(paths.dbPath);
    renameSync(rebuilt, paths.dbPath);
    rmSync(join(copyDir, 'work'), { recursive: true, force: true });
    return { copyDir, method: salvage ? 'salvaged' : 'backup', problems, salvage, backupUsed };
  } finally {
    lock.release();
  }
}

const SIDE_FILES = ['', '-wal', '-shm'];

function copyDbFiles(from: string, to: string): void {
  mkdirSync(join(to, '..'), { recursive: true });
  for (const s of SIDE_FILES) if (existsSync(from + s)) copyFileSync(from + s, to + s);
}

function removeDbFiles(path: string): void {
  for (const s of SIDE_FILES) rmSync(path + s, { force: true });
}

function copyDamaged(paths: ProjectPaths): string {
  const dir = join(paths.recoveryDir, new Date().toISOString().replace(/[-:.]/g, ''));
  copyDbFiles(paths.dbPath, join(dir, basename(paths.dbPath)));
  return dir;
}

function restoreBackup(paths: ProjectPaths, rebuilt: string): string {
  const backup = listBackups(paths.backupsDir).find((b) => healthProblems(b).length === 0);
  if (!backup) {
    throw new SamlabelError('ProjectCorrupt', `${paths.dbPath} cannot be read and there is no usable backup in ${paths.backupsDir}`);
  }
  removeDbFiles(rebuilt);
  copyFileSync(backup, rebuilt);
  migrateFile(rebuilt);
  return backup;
}
