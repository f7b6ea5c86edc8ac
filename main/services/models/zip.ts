import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Where a zip member may be written inside `root`, or why not. Checked on every member before anything is
 * written ("zip slip": `../x`, `/etc/x`, `C:\x`, `a\..\..\x` would land outside the model's folder).
 */
export function memberTarget(root: string, name: string): string {
  const bad = (why: string) => new SamlabelError('ModelInvalid', `archive member "${name}" refused: ${why}`);
  if (name.length === 0 || name.includes('\0')) throw bad('empty or NUL in name');
  if (name.includes('\\')) throw bad('backslash in path');
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name) || name.startsWith('/')) throw bad('absolute path');
  if (name.split('/').includes('..')) throw bad('".." in path');
  const target = resolve(root, name);
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel === '') throw bad('outside the target folder');
  return target;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((ok, fail) => {
    // decodeStrings false: names are validated here (yauzl would throw a less specific error of its own).
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => (err || !zip ? fail(err) : ok(zip)));
  });
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((ok, fail) => {
    const all: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      all.push(e);
      zip.readEntry();
    });
    zip.on('end', () => ok(all));
    zip.on('error', fail);
    zip.readEntry();
  });
}

const nameOf = (e: yauzl.Entry): string => Buffer.from(e.fileName as unknown as Uint8Array).toString('utf8');

/** Extracts every file of the archive under `root`, after checking every member's path; returns the member names. */
export async function extractZip(path: string, root: string): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new SamlabelError('ModelInvalid', `${path} is not a readable zip archive (${(err as Error).message})`);
  }
  try {
    const list = await entries(zip);
    const targets = list.map((e) => ({ entry: e, name: nameOf(e), target: memberTarget(root, nameOf(e)) }));
    const files = targets.filter((t) => !t.name.endsWith('/'));
    for (const { entry, target } of files) {
      await mkdir(dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) => zip.openReadStream(entry, (err, s) => (err || !s ? fail(err) : ok(s))));
      await pipeline(stream, createWriteStream(target));
    }
    return files.map((f) => relative(root, f.target).split(sep).join('/'));
  } finally {
    zip.close();
  }
}

export const memberPath = (root: string, member: string): string => join(root, ...member.split('/'));
