import type { Db } from '../connection.js';

/**
 * Schema 20: the edit journal behind undo/redo. One `changes` row per user intent (one undo stop),
 * its row images (before/after as JSON) in `change_rows`. `stack` is 'project' for label-class
 * edits or 'image:<id>' for edits of one image. Frozen once shipped.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      stack TEXT NOT NULL,
      description TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('done', 'undone')),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE INDEX changes_stack ON changes(stack, state, id);

    CREATE TABLE change_rows (
      change_id INTEGER NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      tbl TEXT NOT NULL CHECK (tbl IN ('images', 'labels', 'annotations')),
      row_id INTEGER NOT NULL,
      before TEXT CHECK (before IS NULL OR json_valid(before)),
      after TEXT CHECK (after IS NULL OR json_valid(after)),
      PRIMARY KEY (change_id, ord)
    ) STRICT, WITHOUT ROWID;
  `);
}
