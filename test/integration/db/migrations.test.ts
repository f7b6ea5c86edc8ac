import Database from 'better-sqlite3';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { listBackups } from '../../../main/db/backup.js';
import { openDb } from '../../../main/db/connection.js';
import { migrate, schemaVersion } from '../../../main/db/migrate.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../main/db/migrations/registry.js';
import { Project } from '../../../main/services/projects/project.js';
import { projectPaths } from '../../../main/services/projects/paths.js';
import { tmpDir } from '../../helpers/dbProject.js';

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => {
  tmp = tmpDir();
});
afterEach(() => tmp.cleanup());

const tables = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];

/** A schema-10 database as the first release wrote it, holding one of everything. */
function writeV10Project(folder: string): string {
  const paths = projectPaths(folder);
  mkdirSync(join(folder, '.samlabel'), { recursive: true });
  const db = openDb(paths.dbPath);
  migrate(db, { targetVersion: 10 });
  db.exec(`
    INSERT INTO meta (key, value) VALUES ('rootFolder', '${paths.folder}');
    INSERT INTO images (rel_path, sha256, size_bytes, mtime_ms, width, height, status, added_at, updated_at)
      VALUES ('a/b.png', 'ab12', 120, 1700000000000.5, 40, 30, 'done', 1, 2);
    INSERT INTO labels (name, color, sort_order, hotkey, supercategory, created_at, updated_at)
      VALUES ('cat', '#ff0000', 0, 'c', 'animal', 1, 1);
    INSERT INTO annotations (image_id, label_id, rle_counts, rle_height, rle_width, source, score, stability, iscrowd, attributes, z_order, prompts, created_at, updated_at)
      VALUES (1, 1, '0Ym1', 30, 40, 'click', 0.9, 0.95, 0, '{"occluded":true}', 0, '{"point_coords":[[3,4]],"point_labels":[1],"box":null}', 5, 6);
  `);
  db.close();
  return paths.dbPath;
}

describe('migration registry', () => {
  it('lists every file in main/db/migrations, in steps of 10, named after its version', () => {
    const dir = join(import.meta.dirname, '../../../main/db/migrations');
    const files = readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
    for (const m of MIGRATIONS) {
      expect(m.version % 10).toBe(0);
      expect(m.name.startsWith(String(m.version).padStart(4, '0'))).toBe(true);
    }
    expect(LATEST_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  });
});

describe('migrate', () => {
  it('builds a new database up to the latest schema', () => {
    const db = new Database(join(tmp.dir, 'fresh.db'));
    const result = migrate(db);
    expect(result).toEqual({ from: 0, to: LATEST_VERSION, backupPath: null });
    expect(tables(db)).toEqual(['annotations', 'change_rows', 'changes', 'images', 'labels', 'meta']);
    db.close();
  });

  it('migrates a v10 database holding data, after a VACUUM INTO backup of it', () => {
    const folder = join(tmp.dir, 'images');
    mkdirSync(folder);
    const dbPath = writeV10Project(folder);
    const before = new Database(dbPath);
    const rowsBefore = ['images', 'labels', 'annotations', 'meta'].map((t) => before.prepare(`SELECT * FROM ${t}`).all());
    before.close();

    const project = Project.open(folder);
    expect(project.schemaVersion).toBe(LATEST_VERSION);
    const rowsAfter = ['images', 'labels', 'annotations'].map((t) => project.db.prepare(`SELECT * FROM ${t}`).all());
    // 0030 gave every image a scan generation of 0 ("not found by any scan yet"), 0040 every
    // annotation (its mask fits its image) no review flag; nothing else changed.
    const imagesBefore = (rowsBefore[0] as object[]).map((r) => ({ ...r, last_seen_scan: 0 }));
    const annotationsBefore = (rowsBefore[2] as object[]).map((r) => ({ ...r, review: null, review_reason: null }));
    expect(rowsAfter).toEqual([imagesBefore, rowsBefore[1], annotationsBefore]);
    expect(project.db.prepare('SELECT count(*) AS n FROM changes').get()).toEqual({ n: 0 });
    project.close();

    const backups = listBackups(projectPaths(folder).backupsDir);
    const v10 = backups.find((b) => b.includes('project-v10-'));
    expect(v10).toBeDefined();
    const backup = new Database(v10 as string, { readonly: true });
    expect(schemaVersion(backup)).toBe(10);
    expect(backup.prepare('SELECT * FROM annotations').all()).toEqual(rowsBefore[2]);
    backup.close();
  });

  it('0030 lets a scan find the not-yet-seen images with some content through the index', () => {
    const db = new Database(join(tmp.dir, 'idx.db'));
    migrate(db);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM images WHERE sha256 = ? AND last_seen_scan < ?')
      .all('x', 3) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX images_sha256 (sha256=? AND last_seen_scan<?)');
    db.close();
  });

  it('0040 adds the review flag and flags the masks an older scan left at another size than their image', () => {
    const db = new Database(join(tmp.dir, 'v30.db'));
    migrate(db, { targetVersion: 30 });
    db.exec(`
      INSERT INTO images (rel_path, sha256, size_bytes, mtime_ms, width, height, added_at, updated_at)
        VALUES ('fits.png', 'a1', 1, 1, 40, 30, 1, 1), ('resized.png', 'b2', 1, 1, 80, 60, 1, 1);
      INSERT INTO labels (name, color, sort_order, created_at, updated_at) VALUES ('cat', '#ff0000', 0, 1, 1);
      INSERT INTO annotations (image_id, label_id, rle_counts, rle_height, rle_width, source, created_at, updated_at)
        VALUES (1, 1, 'x', 30, 40, 'click', 5, 6), (2, 1, 'y', 30, 40, 'click', 5, 6), (2, 1, 'z', 60, 80, 'auto', 5, 6);
    `);
    const before = db.prepare('SELECT * FROM annotations ORDER BY id').all() as object[];
    migrate(db, { targetVersion: 40 });
    const after = db.prepare('SELECT * FROM annotations ORDER BY id').all() as object[];
    expect(after).toEqual([
      { ...before[0], review: null, review_reason: null },
      { ...before[1], review: 'needs_review', review_reason: 'mask size differs from its image' },
      { ...before[2], review: null, review_reason: null },
    ]);
    expect(() => db.prepare("UPDATE annotations SET review = 'maybe' WHERE id = 1").run()).toThrow(/CHECK/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM annotations WHERE review IS NOT NULL').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('annotations_needs_review');
    db.close();
  });

  it('refuses a database from a newer samlabel and leaves it untouched', () => {
    const folder = join(tmp.dir, 'images');
    mkdirSync(folder);
    const dbPath = writeV10Project(folder);
    const db = new Database(dbPath);
    migrate(db);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();

    let error: unknown;
    try {
      Project.open(folder);
    } catch (err) {
      error = err;
    }
    expect(isSamlabelError(error, 'DbVersionFromFuture')).toBe(true);
    const after = new Database(dbPath, { readonly: true });
    expect(schemaVersion(after)).toBe(LATEST_VERSION + 10);
    after.close();
    // The refusal released the writer lock: a second attempt is refused for the same reason, not as locked.
    expect(() => Project.open(folder)).toThrow(/schema/);
  });

  it('keeps the last completed version when a migration fails (each runs in its own transaction)', () => {
    const db = new Database(join(tmp.dir, 'fail.db'));
    const broken: Migration[] = [
      MIGRATIONS[0],
      { version: 20, name: '0020-broken', up: (d) => d.exec('CREATE TABLE half (x); SELECT * FROM no_such_table') },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(10);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});
