import envPaths from 'env-paths';
import { join } from 'node:path';

export const DEFAULT_DISK_CAP_BYTES = 2 * 1024 ** 3;
/** ~64 SAM embeddings (4 MiB each): enough to flip back and forth through a folder without touching disk. */
export const DEFAULT_RAM_CAP_BYTES = 256 * 1024 ** 2;

/** SAMLABEL_CACHE_DIR, else the user cache dir; a project points it into its own .samlabel/ folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAMLABEL_CACHE_DIR ?? join(envPaths('samlabel', { suffix: '' }).cache, 'embeddings');
}

export function diskCapFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.SAMLABEL_CACHE_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 ** 2 : DEFAULT_DISK_CAP_BYTES;
}
