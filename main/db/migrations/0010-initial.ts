import type { Db } from '../connection.js';

/**
 * Schema 10: images of the project folder, label classes and annotations.
 * Frozen once shipped: change the schema with a new migration, never by editing this one.
 * Masks are COCO RLE (compressed counts string + [height, width]); they are the source of truth,
 * area/bbox/polygons are derived at export. AUTOINCREMENT keeps ids from being reused, so undo can
 * re-insert a deleted row under its old id.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE images (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      rel_path TEXT NOT NULL UNIQUE,
      sha256 TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'done', 'skipped', 'missing')),
      status_before_missing TEXT,
      added_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE labels (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
      color TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      hotkey TEXT UNIQUE,
      supercategory TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      image_id INTEGER NOT NULL REFERENCES images(id),
      label_id INTEGER NOT NULL REFERENCES labels(id),
      rle_counts TEXT NOT NULL,
      rle_height INTEGER NOT NULL,
      rle_width INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('click', 'box', 'auto', 'import')),
      score REAL,
      stability REAL,
      iscrowd INTEGER NOT NULL DEFAULT 0 CHECK (iscrowd IN (0, 1)),
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
      z_order INTEGER NOT NULL DEFAULT 0,
      prompts TEXT CHECK (prompts IS NULL OR json_valid(prompts)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE INDEX annotations_image ON annotations(image_id, z_order);
    CREATE INDEX annotations_label ON annotations(label_id);
  `);
}
