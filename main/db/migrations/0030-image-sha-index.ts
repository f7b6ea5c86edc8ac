import type { Db } from '../connection.js';

/**
 * Schema 30: a scan re-links a renamed file to its old row by content hash; without this index
 * each new file would cost a full scan of `images`. Frozen once shipped.
 */
export function up(db: Db): void {
  db.exec('CREATE INDEX images_sha256 ON images(sha256)');
}
