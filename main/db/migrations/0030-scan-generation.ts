import type { Db } from '../connection.js';

/**
 * Schema 30: scans stamp each image they find with their generation number. What a scan did not
 * stamp is missing at its end, with no in-memory set of 100k ids; and re-linking a renamed file looks
 * up, through (sha256, last_seen_scan), only the rows with that content not yet found by this scan,
 * so a folder of thousands of identical files stays linear. Frozen once shipped.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE images ADD COLUMN last_seen_scan INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX images_sha256 ON images(sha256, last_seen_scan);
  `);
}
