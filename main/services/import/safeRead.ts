import type { Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Reading what a dataset names, safely: only regular files (a device like /dev/zero or a FIFO would read forever or
 * block), within a size cap checked before reading, and — for annotation and mask files — only inside the dataset
 * folder, symlinks resolved. Images may be symlinks leading elsewhere: samlabel's own exports link the project's
 * images; they are still regular files under a size cap.
 */
export interface ReadRules {
  /** What the file is, for messages ("labelme JSON", "VOC mask"). */
  readonly what: string;
  readonly maxBytes: number;
  /** The file's real path must be inside this folder's real path. */
  readonly root?: string;
  /** Other folders the real path may be in instead (the project, for images an export links). */
  readonly alsoIn?: readonly string[];
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

function fsError(err: unknown, path: string, what: string): SamlabelError {
  const code = errnoCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SamlabelError('ImportError', `${what} not found: ${path}`);
  if (code === 'ELOOP') return new SamlabelError('ImportError', `${what} ${path} is a symlink loop`);
  if (code === 'EACCES' || code === 'EPERM') return new SamlabelError('ImportError', `${what} ${path} cannot be read (permission denied)`);
  return new SamlabelError('ImportError', `${what} ${path} cannot be read (${code ?? (err instanceof Error ? err.message : String(err))})`);
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function insideAny(real: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot !== null && isInside(real, realRoot)) return true;
  }
  return false;
}

/** The checked real path and size of a file the rules allow, or a typed error saying which rule it breaks. */
export async function checkFile(path: string, rules: ReadRules): Promise<{ real: string; size: number }> {
  let real: string;
  try {
    real = await realpath(path);
    if (rules.root !== undefined && !(await insideAny(real, [rules.root, ...(rules.alsoIn ?? [])]))) {
      throw new SamlabelError('ImportError', `${rules.what} ${path} leads outside the dataset folder ${rules.root}`);
    }
    const info = await stat(real);
    if (!info.isFile()) throw new SamlabelError('ImportError', `${rules.what} ${path} is not a regular file (a folder, device or pipe)`);
    if (info.size > rules.maxBytes) {
      throw new SamlabelError('ImportError', `${rules.what} ${path} is ${info.size} bytes, over the ${rules.maxBytes}-byte limit`);
    }
    return { real, size: info.size };
  } catch (err) {
    if (err instanceof SamlabelError) throw err;
    throw fsError(err, path, rules.what);
  }
}

/** At most the size checked, even if the file grows meanwhile. */
export async function readChecked(path: string, rules: ReadRules, limit = Infinity): Promise<Buffer> {
  const { real, size } = await checkFile(path, rules);
  try {
    const handle = await open(real, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, limit));
      let at = 0;
      while (at < buf.length) {
        const { bytesRead } = await handle.read(buf, at, buf.length - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return buf.subarray(0, at);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fsError(err, path, rules.what);
  }
}

/** UTF-8 text without a byte-order mark (Windows tools write one; JSON.parse refuses it). */
export async function readText(path: string, rules: ReadRules): Promise<string> {
  const text = (await readChecked(path, rules)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** For messages: `stat` failures (missing folder) as the same typed errors. */
export async function statChecked(path: string, what: string): Promise<{ isDirectory: boolean }> {
  try {
    return { isDirectory: (await stat(path)).isDirectory() };
  } catch (err) {
    throw fsError(err, path, what);
  }
}

/** A folder's entries; a missing or unreadable folder, or a file where a folder was expected, as typed errors. */
export async function listDir(dir: string, what: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (errnoCode(err) === 'ENOTDIR') throw new SamlabelError('ImportError', `${what} ${dir} is not a folder`);
    throw fsError(err, dir, what);
  }
}

/** Names in a folder (listDir). */
export async function listNames(dir: string, what: string): Promise<string[]> {
  return (await listDir(dir, what)).map((e) => e.name);
}
