import { writeTransaction, type Db } from '../../db/connection.js';
import { getMeta, setMeta } from '../../db/meta.js';

/** Folders (relative, '/' separators) the user keeps out of scans, besides hidden and export folders. */
export function scanExcludes(db: Db): Set<string> {
  const raw = getMeta(db, 'scanExcludes');
  return new Set(raw === undefined ? [] : (JSON.parse(raw) as string[]));
}

export function setScanExcludes(db: Db, folders: readonly string[]): void {
  const clean = [...new Set(folders.map((f) => f.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '')).filter((f) => f !== ''))];
  writeTransaction(db, () => setMeta(db, 'scanExcludes', JSON.stringify(clean.sort())));
}
