import type { Command } from 'commander';
import { DiskCache } from '../../inference/cache/diskCache.js';
import { defaultCacheDir, diskCapFromEnv } from '../../inference/cacheConfig.js';

export function register(program: Command): void {
  const cache = program.command('cache').description('The on-disk embedding cache');
  cache
    .command('info')
    .option('--cache-dir <dir>', 'cache folder (default: $SAMLABEL_CACHE_DIR or the user cache dir)')
    .option('--json', 'print JSON')
    .action((flags: { cacheDir?: string; json?: boolean }) => {
      const info = new DiskCache(flags.cacheDir ?? defaultCacheDir(), diskCapFromEnv()).info();
      const mb = (b: number): string => (b / 1024 ** 2).toFixed(1);
      process.stdout.write(flags.json ? `${JSON.stringify(info)}\n` : `${info.dir}: ${info.entries} embeddings, ${mb(info.bytes)} MB of ${mb(info.capBytes)} MB\n`);
    });
  cache
    .command('clear')
    .option('--cache-dir <dir>', 'cache folder')
    .action(async (flags: { cacheDir?: string }) => {
      const disk = new DiskCache(flags.cacheDir ?? defaultCacheDir(), diskCapFromEnv());
      const { entries } = disk.info();
      await disk.clear();
      process.stdout.write(`removed ${entries} embeddings from ${disk.dir}\n`);
    });
}
