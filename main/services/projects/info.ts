import type { Db } from '../../db/connection.js';
import { countAnnotations, countNeedsReview } from '../../db/annotations.js';
import { listBackups } from '../../db/backup.js';
import { countImagesByStatus } from '../../db/images.js';
import { listLabels } from '../../db/labels.js';
import { getMeta } from '../../db/meta.js';
import { LATEST_VERSION } from '../../db/migrations/registry.js';
import type { ImageStatus } from '../../db/records.js';
import { probeWriterLock, type LockOwner } from '../../db/writerLock.js';
import { Project } from './project.js';
import { withRecoverHint } from './withProject.js';

export interface ProjectInfo {
  readonly folder: string;
  readonly dbPath: string;
  readonly dbInFolder: boolean;
  readonly embeddingsDir: string;
  readonly schemaVersion: number;
  /** The newest schema this build knows; a database above it needs a newer samlabel. */
  readonly latestSchemaVersion: number;
  readonly createdAt: string | null;
  readonly images: Record<ImageStatus, number>;
  readonly labels: number;
  readonly annotations: number;
  /** Annotations flagged 'needs_review' (e.g. their image changed size). */
  readonly needsReview: number;
  readonly backups: string[];
  /** quick_check's complaints; empty when the database is sound. */
  readonly problems: string[];
  /** Who has the project open for writing now, if anyone. */
  readonly openBy: LockOwner | 'unknown' | null;
}

/** A read-only look at a project: works while the app has it open, never migrates or locks. */
export function projectInfo(folder: string, opts: { readonly db?: string } = {}): ProjectInfo {
  let project: Project;
  try {
    project = Project.open(folder, { db: opts.db, readOnly: true });
  } catch (err) {
    throw withRecoverHint(err, folder);
  }
  try {
    const { paths, db } = project;
    const lock = probeWriterLock(paths.dbPath);
    return {
      folder: paths.folder,
      dbPath: paths.dbPath,
      dbInFolder: paths.dbInFolder,
      embeddingsDir: paths.embeddingsDir,
      schemaVersion: project.schemaVersion,
      latestSchemaVersion: LATEST_VERSION,
      createdAt: getMeta(db, 'createdAt') ?? null,
      images: countImagesByStatus(db),
      labels: listLabels(db).length,
      annotations: countAnnotations(db),
      needsReview: countNeedsReview(db),
      backups: listBackups(paths.backupsDir),
      problems: quickCheck(db),
      openBy: lock.held ? (lock.owner ?? 'unknown') : null,
    };
  } finally {
    project.close();
  }
}

/** A badly damaged file makes quick_check itself fail; that is a problem to report too. */
function quickCheck(db: Db): string[] {
  try {
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}
