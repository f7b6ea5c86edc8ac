import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { SettingsStore } from './settingsStore.js';

/**
 * Settings in one JSON file. Every `set`/`delete` rewrites it atomically (temp file, fsync, rename),
 * so a crash leaves the old or the new file, never half of one. The file is re-read on each access:
 * two processes (app and CLI) see each other's writes; the last writer of a key wins.
 * A file that is not valid JSON or fails the schema is kept aside as `<file>.corrupt-<time>` and
 * treated as empty, instead of crashing every start.
 */
export class JsonFileSettingsStore<S extends object> implements SettingsStore<S> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<Partial<S>>,
  ) {}

  get<K extends keyof S & string>(key: K): S[K] | undefined {
    return this.read()[key];
  }

  set<K extends keyof S & string>(key: K, value: S[K]): void {
    const next: Partial<S> = { ...this.read() };
    next[key] = value;
    this.write(this.schema.parse(next));
  }

  delete<K extends keyof S & string>(key: K): void {
    const next: Partial<S> = { ...this.read() };
    delete next[key];
    this.write(next);
  }

  private read(): Partial<S> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const parsed = this.schema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    renameSync(this.path, `${this.path}.corrupt-${Date.now()}`);
    return {};
  }

  private write(data: Partial<S>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
