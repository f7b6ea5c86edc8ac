import { SamlabelError } from '../../shared/errors.js';
import { vacuumInto } from './backup.js';
import type { Db } from './connection.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/registry.js';

export interface MigrateOptions {
  /** Where to write the `VACUUM INTO` copy taken before an existing database is migrated. */
  readonly backupDir?: string;
  /** Stop at this version (tests build old databases this way). */
  readonly targetVersion?: number;
  readonly migrations?: readonly Migration[];
}

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
  readonly backupPath: string | null;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest (or target) schema. The runner owns the transactions and
 * `user_version`: each migration runs in its own IMMEDIATE transaction with its version bump, so a
 * failure leaves the database at the last completed version. A database written by a newer build
 * is refused untouched.
 */
export function migrate(db: Db, opts: MigrateOptions = {}): MigrateResult {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations === MIGRATIONS ? LATEST_VERSION : (migrations.at(-1)?.version ?? 0);
  const target = opts.targetVersion ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new SamlabelError(
      'DbVersionFromFuture',
      `project database has schema ${from}, this samlabel knows up to ${latest}: update samlabel to open it`,
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, backupPath: null };
  const backupPath = from > 0 && opts.backupDir ? vacuumInto(db, opts.backupDir, from) : null;
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  db.pragma('optimize');
  return { from, to: schemaVersion(db), backupPath };
}
