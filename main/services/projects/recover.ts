import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { healthProblems, migrateFile, newestSoundBackup, type BackupSummary } from '../../db/health.js';
import { salvageFile, salvageable, type SalvageResult } from '../../db/salvage.js';
import { acquireWriterLock } from '../../db/writerLock.js';
import { resolveProjectPaths } from './dbRegistry.js';
import type { ProjectPaths } from './paths.js';

export interface RecoverOptions {
  readonly db?: string;
  /** Skip salvage and restore the newest backup that passes an integrity check. */
  readonly fromBackup?: boolean;
}

export type RecoverMethod = 'healthy' | 'salvaged' | 'backup';

/** What `project recover` would do, found without writing anything in the project. */
export interface RecoveryPlan {
  readonly method: RecoverMethod;
  /** What integrity_check (or opening) said about the live file. */
  readonly problems: string[];
  /** The backup a restore would use (also shown when salvage is planned, as the alternative). */
  readonly backup: BackupSummary | null;
}

export interface RecoverResult {
  /** Where the damaged database (with its -wal and -shm) was copied before anything else. */
  readonly copyDir: string;
  readonly method: RecoverMethod;
  readonly problems: string[];
  readonly salvage: SalvageResult | null;
  readonly backupUsed: string | null;
  readonly backup: BackupSummary | null;
}

/**
 * The dry run of recoverProject: checks a copy of the database in a temp folder (opening the live
 * file could checkpoint its WAL) and names the backup a restore would use, with its row counts, so
 * the user can judge before anything is replaced.
 */
export function planRecovery(folder: string, opts: RecoverOptions = {}): RecoveryPlan {
  const paths = existingPaths(folder, opts);
  const scratch = mkdtempSync(join(tmpdir(), 'samlabel-recover-'));
  try {
    const work = join(scratch, basename(paths.dbPath));
    copyDbFiles(paths.dbPath, work);
    const problems = healthProblems(work);
    const backup = newestSoundBackup(paths.backupsDir);
    if (problems.length === 0 && !opts.fromBackup) return { method: 'healthy', problems, backup };
    const method = !opts.fromBackup && salvageable(work) ? 'salvaged' : 'backup';
    if (method === 'backup' && backup === null) throw noBackup(paths);
    return { method, problems, backup };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `samlabel project recover --yes`. Never destroys evidence:
 *  1. takes the writer lock (the app must not be writing meanwhile);
 *  2. copies the database and its -wal/-shm to `<recoveryDir>/<time>/`;
 *  3. checks a working copy: a healthy database is left as it is;
 *  4. otherwise salvages every readable row into a fresh database of the current schema
 *     (see salvageInto), or, when the file is unreadable (header or schema destroyed, or none at
 *     all: a 0-byte file) or `fromBackup` is set, restores the newest backup that passes integrity_check;
 *  5. checks the result (integrity_check, foreign_key_check) and only then moves it over the
 *     damaged file. Edits made after that backup are lost in the backup case.
 */
export function recoverProject(folder: string, opts: RecoverOptions = {}): RecoverResult {
  const paths = existingPaths(folder, opts);
  const lock = acquireWriterLock(paths.dbPath, 'samlabel project recover');
  try {
    const copyDir = copyDamaged(paths);
    const work = join(copyDir, 'work', basename(paths.dbPath));
    copyDbFiles(join(copyDir, basename(paths.dbPath)), work);
    const problems = healthProblems(work);
    const backup = newestSoundBackup(paths.backupsDir);
    if (problems.length === 0 && !opts.fromBackup) return { copyDir, method: 'healthy', problems, salvage: null, backupUsed: null, backup };
    const rebuilt = `${paths.dbPath}.recovering`;
    removeDbFiles(rebuilt);
    const salvage = opts.fromBackup ? null : salvageFile(work, rebuilt);
    const backupUsed = salvage ? null : restoreBackup(paths, backup, rebuilt);
    const after = healthProblems(rebuilt);
    if (after.length > 0) throw new SamlabelError('ProjectCorrupt', `recovered database failed its check (${after[0]}); nothing was replaced`);
    removeDbFiles(paths.dbPath);
    renameSync(rebuilt, paths.dbPath);
    rmSync(join(copyDir, 'work'), { recursive: true, force: true });
    return { copyDir, method: salvage ? 'salvaged' : 'backup', problems, salvage, backupUsed, backup };
  } finally {
    lock.release();
  }
}

function existingPaths(folder: string, opts: RecoverOptions): ProjectPaths {
  const paths = resolveProjectPaths(folder, opts.db);
  if (!existsSync(paths.dbPath)) throw new SamlabelError('ProjectNotFound', `no samlabel project database at ${paths.dbPath}`);
  return paths;
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

function noBackup(paths: ProjectPaths): SamlabelError {
  return new SamlabelError(
    'ProjectCorrupt',
    `${paths.dbPath} cannot be read and there is no usable backup in ${paths.backupsDir}; nothing was replaced ` +
      `(to start the project again, move that file away and run \`samlabel project init ${paths.folder}\`)`,
  );
}

function restoreBackup(paths: ProjectPaths, backup: BackupSummary | null, rebuilt: string): string {
  if (backup === null) throw noBackup(paths);
  removeDbFiles(rebuilt);
  copyFileSync(backup.path, rebuilt);
  migrateFile(rebuilt);
  return backup.path;
}
