import { basename, dirname, join, resolve } from 'node:path';

/** The folder inside a project folder that holds samlabel's own files; scans never enter it. */
export const DATA_DIR_NAME = '.samlabel';
export const DB_FILE_NAME = 'project.db';

export interface ProjectPaths {
  /** The image folder, absolute. */
  readonly folder: string;
  readonly dbPath: string;
  /** False when the database lives elsewhere (`--db`, for a read-only image folder). */
  readonly dbInFolder: boolean;
  /** The engine's on-disk embedding cache for this project. */
  readonly embeddingsDir: string;
  /** `VACUUM INTO` copies taken before migrations and once a day. */
  readonly backupsDir: string;
  /** Copies of damaged databases kept by `project recover`. */
  readonly recoveryDir: string;
}

/**
 * Where a project's files are. By default everything is under `<folder>/.samlabel/`; with a
 * database elsewhere its companions sit beside it (`<db>-embeddings/`, …) so a read-only image
 * folder is never written to.
 */
export function projectPaths(folder: string, opts: { readonly db?: string } = {}): ProjectPaths {
  const root = resolve(folder);
  const dataDir = join(root, DATA_DIR_NAME);
  const defaultDb = join(dataDir, DB_FILE_NAME);
  const dbPath = opts.db === undefined ? defaultDb : resolve(opts.db);
  const dbInFolder = dbPath === defaultDb;
  const side = (suffix: string): string => join(dirname(dbPath), `${basename(dbPath).replace(/\.db$/i, '')}-${suffix}`);
  return {
    folder: root,
    dbPath,
    dbInFolder,
    embeddingsDir: dbInFolder ? join(dataDir, 'embeddings') : side('embeddings'),
    backupsDir: dbInFolder ? join(dataDir, 'backups') : side('backups'),
    recoveryDir: dbInFolder ? join(dataDir, 'recovery') : side('recovery'),
  };
}
