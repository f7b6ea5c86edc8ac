import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Relative paths ('/' separators) of everything under `dir` that is not a folder — files, links, devices alike —
 * without following links: what an export folder holds, to compare with its manifest.
 */
export async function* walkExportFolder(dir: string, prefix = ''): AsyncGenerator<string> {
  for await (const entry of await opendir(dir)) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) yield* walkExportFolder(join(dir, entry.name), rel);
    else yield rel;
  }
}
