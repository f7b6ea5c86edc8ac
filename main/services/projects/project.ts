import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { listBackups, pruneBackups, vacuumInto } from '../../db/backup.js';
import { openDb, translateSqliteError, type Db } from '../../db/connection.js';
import { getMeta, setMeta } from '../../db/meta.js';
import { migrate, schemaVersion } from '../../db/migrate.js';
import { acquireWriterLock, type WriterLock } from '../../db/writerLock.js';
import { rememberDatabase, resolveProjectPaths } from './dbRegistry.js';
import type { ProjectPaths } from './paths.js';

export interface OpenProjectOptions {
  /** The database, when it is not `<folder>/.samlabel/project.db` (remembered after `init --db`). */
  readonly db?: string;
  /** No writer lock, no migration: for `project info` while the app has the project open. */
  readonly readOnly?: boolean;
  /** Shown to a second writer that is refused ("samlabel project scan", "app"). */
  readonly command?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BACKUPS_KEPT = 5;

/**
 * An open project: its paths and its database connection; the writer lock is held until close().
 * Keep a reference while it is open: a Project that is garbage-collected has its connections
 * closed by better-sqlite3's finalizers, and the writer lock goes with them.
 */
export class Project {
  private constructor(
    readonly paths: ProjectPaths,
    readonly db: Db,
    readonly readOnly: boolean,
    private readonly lock: WriterLock | null,
  ) {}

  /** Creates the project database for `folder` (refuses to touch an existing one). */
  static init(folder: string, opts: OpenProjectOptions = {}): Project {
    const paths = resolveProjectPaths(requireFolder(folder), opts.db);
    if (existsSync(paths.dbPath)) {
      throw new SamlabelError('BadInput', `${paths.folder} is already a samlabel project (${paths.dbPath}); see \`samlabel project info\``);
    }
    makeDir(dirname(paths.dbPath), paths);
    const project = Project.attach(paths, { ...opts, readOnly: false }, true);
    setMeta(project.db, 'rootFolder', paths.folder);
    setMeta(project.db, 'createdAt', new Date().toISOString());
    if (!paths.dbInFolder) rememberDatabase(paths.folder, paths.dbPath);
    return project;
  }

  /** Opens an existing project; writers take the lock and bring the schema up to date. */
  static open(folder: string, opts: OpenProjectOptions = {}): Project {
    const paths = resolveProjectPaths(requireFolder(folder), opts.db);
    if (!existsSync(paths.dbPath)) {
      throw new SamlabelError('ProjectNotFound', `no samlabel project in ${paths.folder}: run \`samlabel project init ${paths.folder}\``);
    }
    if (!statSync(paths.dbPath).isFile()) {
      throw new SamlabelError('ProjectCorrupt', `${paths.dbPath} should be the project database file but is not a regular file (a folder?)`);
    }
    const project = Project.attach(paths, opts, false);
    project.checkRoot();
    return project;
  }

  /** `creating`: init's new file, the only database that may start without a schema. */
  private static attach(paths: ProjectPaths, opts: OpenProjectOptions, creating: boolean): Project {
    if (opts.readOnly) return new Project(paths, openDb(paths.dbPath, { readonly: true, mustExist: true, requireSchema: true }), true, null);
    const lock = acquireWriterLock(paths.dbPath, opts.command ?? 'samlabel');
    let db: Db | undefined;
    try {
      db = openDb(paths.dbPath, { requireSchema: !creating });
      migrate(db, { backupDir: paths.backupsDir });
      if (!creating) dailyBackup(db, paths.backupsDir);
      return new Project(paths, db, false, lock);
    } catch (err) {
      db?.close();
      lock.release();
      throw translateSqliteError(err, paths.dbPath);
    }
  }

  /** An external database must belong to the folder it is opened with. */
  private checkRoot(): void {
    const root = getMeta(this.db, 'rootFolder');
    if (this.paths.dbInFolder || root === undefined || root === this.paths.folder) return;
    this.close();
    throw new SamlabelError('BadInput', `${this.paths.dbPath} is the database of ${root}, not of ${this.paths.folder}`);
  }

  /** Every edit goes through here first: a read-only project refuses with a clear code. */
  assertWritable(): void {
    if (this.readOnly) throw new SamlabelError('ProjectReadOnly', `project ${this.paths.folder} was opened read-only`);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  close(): void {
    if (this.db.open) {
      // A clean close checkpoints the WAL into the main file, so the folder is self-contained again.
      if (!this.readOnly) this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
    this.lock?.release();
  }
}

function requireFolder(folder: string): string {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new SamlabelError('ProjectNotFound', `folder ${folder} does not exist`);
  }
  if (!isDir) throw new SamlabelError('ProjectNotFound', `${folder} is not a folder`);
  return folder;
}

function makeDir(dir: string, paths: ProjectPaths): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new SamlabelError('FileError', `cannot create the folder ${dir}: a file is in the way (${code}); move it, or keep the database elsewhere with --db <path>`);
    }
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw err;
    const hint = paths.dbInFolder ? ': keep the project database elsewhere with --db <path>' : '';
    throw new SamlabelError('ProjectReadOnly', `cannot write to ${dir} (${code})${hint}`);
  }
}

/**
 * One `VACUUM INTO` copy a day on a writer's open: what `project recover` falls back to when the
 * live file is too damaged to salvage rows from.
 */
function dailyBackup(db: Db, dir: string): void {
  const last = Number(getMeta(db, 'lastBackupAt') ?? 0);
  if (Date.now() - last < DAY_MS && listBackups(dir).length > 0) return;
  vacuumInto(db, dir, schemaVersion(db));
  setMeta(db, 'lastBackupAt', String(Date.now()));
  pruneBackups(dir, BACKUPS_KEPT);
}
