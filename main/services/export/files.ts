import { join, posix } from 'node:path';
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
 * Output stems (relPath without extension) that never collide: formats keyed by file stem (YOLO labels, labelme
 * JSON, PNG masks, VOC ids) would let `dog.jpg` and `dog.png` overwrite each other. Every member of a clash
 * (compared case-insensitively after `key`, e.g. VOC's flattening) becomes `<stem>_<ext>` (`dog_jpg`, `dog_png`);
 * a name that still clashes gets `_2`, `_3`… in path order. Non-clashing images keep their stem.
 * Documented in docs/EXPORTS.md.
 */
export function distinctStems(relPaths: readonly string[], key: (stem: string) => string = (s) => s): Map<string, string> {
  const sorted = [...relPaths].sort();
  const norm = (stem: string): string => key(stem).toLowerCase();
  const clashes = new Map<string, number>();
  for (const rel of sorted) clashes.set(norm(stripExtension(rel)), (clashes.get(norm(stripExtension(rel))) ?? 0) + 1);
  const taken = new Set<string>();
  const stems = new Map<string, string>();
  for (const rel of sorted) {
    const stem = stripExtension(rel);
    const ext = posix.extname(rel).slice(1).toLowerCase();
    const base = (clashes.get(norm(stem)) ?? 0) > 1 && ext !== '' ? `${stem}_${ext}` : stem;
    let candidate = base;
    for (let n = 2; taken.has(norm(candidate)); n++) candidate = `${base}_${n}`;
    taken.add(norm(candidate));
    stems.set(rel, candidate);
  }
  return stems;
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
