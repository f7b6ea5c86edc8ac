import type { Command } from 'commander';
import { displayText } from '../../../shared/text/displayText.js';
import { clearEmbeddingCache, embeddingCacheInfo } from '../../services/cache/embeddingCache.js';

export function register(program: Command): void {
  const cache = program.command('cache').description('The on-disk embedding cache');
  cache
    .command('info')
    .option('--cache-dir <dir>', 'cache folder (default: $SAMLABEL_CACHE_DIR or the user cache dir)')
    .option('--json', 'print JSON')
    .action((flags: { cacheDir?: string; json?: boolean }) => {
      const info = embeddingCacheInfo(flags.cacheDir);
      const mb = (b: number): string => (b / 1024 ** 2).toFixed(1);
      process.stdout.write(flags.json ? `${JSON.stringify(info)}\n` : `${displayText(info.dir)}: ${info.entries} embeddings, ${mb(info.bytes)} MB of ${mb(info.capBytes)} MB\n`);
    });
  cache
    .command('clear')
    .option('--cache-dir <dir>', 'cache folder')
    .action(async (flags: { cacheDir?: string }) => {
      const { dir, removed } = await clearEmbeddingCache(flags.cacheDir);
      process.stdout.write(removed === null ? `no cache at ${displayText(dir)}: nothing to remove\n` : `removed ${removed} embeddings from ${displayText(dir)}\n`);
    });
}
