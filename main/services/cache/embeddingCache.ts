import { statSync } from 'node:fs';
import { SamlabelError } from '../../../shared/errors.js';
import { displayText } from '../../../shared/text/displayText.js';
import { DiskCache } from '../../inference/cache/diskCache.js';
import { defaultCacheDir, diskCapFromEnv } from '../../inference/cacheConfig.js';

/**
 * The on-disk embedding cache as the CLI (and later the app's settings) see it: look at it, empty it. Both
 * only look: a folder that is not there is an empty cache, never created (DiskCache's constructor makes its
 * folder, which is right for the engine, not for a look); a path that is there but no folder is refused.
 */
export interface CacheInfo {
  readonly dir: string;
  readonly entries: number;
  readonly bytes: number;
  readonly capBytes: number;
}

function cacheDirExists(dir: string): boolean {
  try {
    if (statSync(dir).isDirectory()) return true;
  } catch {
    return false;
  }
  throw new SamlabelError('FileError', `cache folder ${displayText(dir)} is a file, not a folder`);
}

export function embeddingCacheInfo(dir = defaultCacheDir()): CacheInfo {
  if (!cacheDirExists(dir)) return { dir, entries: 0, bytes: 0, capBytes: diskCapFromEnv() };
  return new DiskCache(dir, diskCapFromEnv()).info();
}

/** Removes every cached embedding; `removed` is null when there is no cache folder (nothing to remove). */
export async function clearEmbeddingCache(dir = defaultCacheDir()): Promise<{ dir: string; removed: number | null }> {
  if (!cacheDirExists(dir)) return { dir, removed: null };
  const disk = new DiskCache(dir, diskCapFromEnv());
  const { entries } = disk.info();
  await disk.clear();
  return { dir: disk.dir, removed: entries };
}
