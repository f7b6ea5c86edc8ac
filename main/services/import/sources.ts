import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { SamlabelError } from '../../../shared/errors.js';
import { MAX_JSON_BYTES, MAX_WALK_ENTRIES } from './limits.js';
import { listDir, readText } from './safeRead.js';

/** Shared helpers of the format readers: files, JSON with a schema, attribute values. */

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff', '.webp']);

/**
 * A JSON file checked against a schema: a regular file under MAX_JSON_BYTES (inside `root` when given), a UTF-8 BOM
 * tolerated; a parse or schema failure is an ImportError naming the file and the first bad field.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, root?: string): Promise<T> {
  return parseJson(path, await readText(path, { what: 'JSON file', maxBytes: MAX_JSON_BYTES, root }), schema);
}

export function parseJson<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SamlabelError('ImportError', `${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SamlabelError('ImportError', `${path}: ${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Every file under `dir` whose name passes `keep`, sorted, skipping dot-folders (.samlabel, .git) and not following
 * folder symlinks. A walk past MAX_WALK_ENTRIES (a data.yaml saying `train: /`) is refused rather than left to run.
 */
export async function walkFiles(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  let seen = 0;
  const visit = async (d: string): Promise<void> => {
    const entries = await listDir(d, 'folder');
    seen += entries.length;
    if (seen > MAX_WALK_ENTRIES) throw new SamlabelError('ImportError', `${dir} holds more than ${MAX_WALK_ENTRIES} files and folders: not a dataset folder`);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(d, e.name);
      if (e.isDirectory()) await visit(path);
      else if (keep(e.name)) out.push(path);
    }
  };
  await visit(dir);
  return out.sort();
}

/** Relative path with '/' separators, as projects store them. */
export function relPathOf(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

export function requireExists(path: string, what: string): void {
  if (!existsSync(path)) throw new SamlabelError('ImportError', `${what} not found: ${path}`);
}

export const attributeSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Attribute values samlabel stores (string, number, boolean); others (null, lists, objects) are left out. */
export function cleanAttributes(raw: Record<string, unknown> | null | undefined): Record<string, string | number | boolean> | undefined {
  if (raw === null || raw === undefined) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}
