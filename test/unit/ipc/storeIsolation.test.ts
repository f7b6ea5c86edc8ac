/**
 * better-sqlite3 is synchronous, so the Electron main thread and the serve event loop must never run it:
 * only the store worker (and the export worker) load the database code. This checks the import graph
 * of the front doors: from main/app, main/server, main/ipc and main/services/app, no value import
 * (type imports are erased) reaches main/db, better-sqlite3, or the worker-side store modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const FRONT_DOORS = ['main/app', 'main/server', 'main/ipc', 'main/services/app', 'main/cli/commands/serve.ts'];
/** Database code; projects/paths.ts and dbRegistry.ts only compute paths and read a JSON file. */
const WORKER_ONLY = [
  /^main\/db\//,
  /^main\/services\/store\/(storeService|editOps|imageQueries|exportJob|storeWorker)\.ts$/,
  /^main\/services\/(annotations|labels|history|export)\//,
  /^main\/services\/projects\/(?!paths\.ts$|dbRegistry\.ts$)/,
];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

/** Relative value imports of a file (import type / export type lines are skipped), resolved to repo paths. */
function valueImports(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const spec = match[3];
    if (spec === 'better-sqlite3') found.push(spec);
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec)).replace(/\.js$/, '.ts');
    found.push(target);
  }
  for (const match of source.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(match[1]);
  return found;
}

/** Every module reachable by value imports from `start`. */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts') || !existsSync(join(ROOT, file))) continue;
    stack.push(...valueImports(file));
  }
  return seen;
}

describe('the project store stays off the main thread and the serve loop', () => {
  const entries = FRONT_DOORS.flatMap(files).filter((f) => f.endsWith('.ts'));

  it('finds the front doors', () => {
    expect(entries).toContain('main/server/serve.ts');
    expect(entries).toContain('main/app/composeApp.ts');
  });

  it.each(entries)('%s never loads database code by value', (entry) => {
    const bad = [...reachable(entry)].filter((f) => f === 'better-sqlite3' || WORKER_ONLY.some((re) => re.test(f)));
    expect(bad).toEqual([]);
  });

  it('the store worker itself does load it (the check can fail)', () => {
    const worker = [...reachable('main/services/store/storeWorker.ts')];
    expect(worker.some((f) => f.startsWith('main/db/'))).toBe(true);
  });
});
