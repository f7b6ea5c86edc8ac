import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { SamlabelError } from '../../../shared/errors.js';
import { displayText } from '../../../shared/text/displayText.js';
import { DiskCache } from '../../inference/cache/diskCache.js';
import { defaultCacheDir, diskCapFromEnv } from '../../inference/cacheConfig.js';

/**
 * Whether the cache folder exists; a path that is there but no folder is refused. `info` and
 * `clear` only look at a cache: a folder that is not there is an empty cache, never created
 * (DiskCache's constructor makes its folder, which is right for the engine, not for a look).
 */
function cacheDirExists(dir: string): boolean {
  try {
    if (statSync(dir).isDirectory()) return true;
  } catch {
    return false;
  }
  throw new SamlabelError('FileError', `cache folder ${displayText(dir)} is a file, not a folder`);
}

export function register(program: Command): void {
  const cache = program.command('cache').description('The on-disk embedding cache');
  cache
    .command('info')
    .option('--cache-dir <dir>', 'cache folder (default: $SAMLABEL_CACHE_DIR or the user cache dir)')
    .option('--json', 'print JSON')
    .action((flags: { cacheDir?: string; json?: boolean }) => {
      const dir = flags.cacheDir ?? defaultCacheDir();
      const info = cacheDirExists(dir) ? new DiskCache(dir, diskCapFromEnv()).info() : { dir, entries: 0, bytes: 0, capBytes: diskCapFromEnv() };
      const mb = (b: number): string => (b / 1024 ** 2).toFixed(1);
      process.stdout.write(flags.json ? `${JSON.stringify(info)}\n` : `${displayText(info.dir)}: ${info.entries} embeddings, ${mb(info.bytes)} MB of ${mb(info.capBytes)} MB\n`);
    });
  cache
    .command('clear')
    .option('--cache-dir <dir>', 'cache folder')
    .action(async (flags: { cacheDir?: string }) => {
      const dir = flags.cacheDir ?? defaultCacheDir();
      if (!cacheDirExists(dir)) return void process.stdout.write(`no cache at ${displayText(dir)}: nothing to remove\n`);
      const disk = new DiskCache(dir, diskCapFromEnv());
      const { entries } = disk.info();
      await disk.clear();
      process.stdout.write(`removed ${entries} embeddings from ${displayText(disk.dir)}\n`);
    });
}
