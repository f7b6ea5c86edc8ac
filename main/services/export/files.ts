import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import type { ExportOptions } from './types.js';

/**
 * Puts an image into an export: a symlink to the project file (absolute, so the export still works when moved
 * on its own) or a copy. An existing file at `dest` is replaced, so exporting again into the same folder works.
 */
export async function placeImage(src: string, dest: string, copy: boolean): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await rm(dest, { force: true });
  try {
    if (copy) await copyFile(src, dest);
    else await symlink(src, dest);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new SamlabelError('ExportError', `cannot ${copy ? 'copy' : 'link'} ${src} into the export: ${why}`);
  }
}

export async function writeFileIn(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/** JSON with 2-space indent and a final newline; key order is the insertion order, so output is deterministic. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileIn(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** `a/b/c.jpg` → `a/b/c` (relPath uses '/' on every platform). */
export function stripExtension(relPath: string): string {
  const ext = posix.extname(relPath);
  return ext === '' ? relPath : relPath.slice(0, -ext.length);
}

/**
 * Fails on two images that would share one label file (`a.jpg` and `a.png`): formats keyed by file stem would
 * silently let one overwrite the other.
 */
export function assertUniqueStems(relPaths: readonly string[], what: string): void {
  const seen = new Map<string, string>();
  for (const rel of relPaths) {
    const stem = stripExtension(rel).toLowerCase();
    const other = seen.get(stem);
    if (other !== undefined) {
      throw new SamlabelError('ExportError', `${other} and ${rel} would both write ${stripExtension(rel)}${what}; rename one`);
    }
    seen.set(stem, rel);
  }
}

/** Shortest decimal form with at most `digits` decimals: compact files, and the same text on every run. */
export function formatNumber(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A folder per split only when splits were asked for: a plain export is one folder a tool opens directly. */
export function splitFolder(options: ExportOptions, split: string): string {
  return options.split === undefined ? options.outDir : join(options.outDir, split);
}
