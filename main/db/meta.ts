import type { Db } from './connection.js';
import { cached } from './tableRows.js';

/** Project-level key/value facts (root folder, scan exclusions, last backup time). */
export type MetaKey = 'rootFolder' | 'createdAt' | 'scanExcludes' | 'lastBackupAt' | 'scanGeneration';

export function getMeta(db: Db, key: MetaKey): string | undefined {
  const row = cached(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  cached(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
