import { join, posix } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import type { ExportOptions } from './types.js';

/** JSON with 2-space indent and a final newline; key order is insertion order, so output is deterministic. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
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

/**
 * Shortest decimal form with at most `digits` decimals: compact files, the same text on every run. Rounding to an
 * integer count of 10^-digits and letting String() print it is exact and several times faster than toFixed + trim
 * (YOLO writes millions of these); String() would switch to exponents only above 1e21.
 */
export function formatNumber(value: number, digits: number): string {
  const scale = 10 ** digits;
  const rounded = Math.round(value * scale) / scale;
  return String(rounded === 0 ? 0 : rounded);
}

/** A folder per split only when splits were asked for: a plain export is one folder a tool opens directly. */
export function splitFolder(options: ExportOptions, split: string): string {
  return options.split === undefined ? options.outDir : join(options.outDir, split);
}
