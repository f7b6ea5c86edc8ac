import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { manifestText, readManifest, type Manifest, type ManifestEntry } from './manifest.js';

/**
 * labelme `--beside-images` writes JSON files among the user's own files, so it cannot publish one folder.
 * Its manifest (under the project's .samlabel/) lists the files the last such export wrote; a file at a target
 * name that is not listed there, or changed size since, is the user's and is never replaced. Files of the
 * last export that this one no longer writes (an image left the export) are removed, so none goes stale.
 */
export const BESIDE_MANIFEST = join('.samlabel', 'labelme-beside.json');

export async function readBesideManifest(root: string): Promise<Manifest | null> {
  return readManifest(join(root, BESIDE_MANIFEST));
}

/** Refuses before any rename if a target holds a file an earlier samlabel export did not write unchanged. */
export async function checkBesideTargets(root: string, targets: readonly string[], earlier: Manifest | null, overwrite: boolean): Promise<void> {
  const listed = new Map((earlier?.files ?? []).map((f) => [f.path, f]));
  for (const target of targets) {
    const info = await lstat(target).catch(() => null);
    if (info === null) continue;
    const entry = listed.get(relPath(root, target));
    const ours = entry !== undefined && 'size' in entry && info.isFile() && info.size === entry.size;
    if (!ours) throw new SamlabelError('ExportRefused', `${target} exists and was not written by samlabel (or was changed since); it is left as it is — move it away to export here`);
    if (!overwrite) throw new SamlabelError('ExportRefused', `${target} holds an earlier samlabel export; --overwrite replaces it`);
  }
}

/** Writes the new manifest (tmp + rename) and removes the earlier export's files this one did not write again. */
export async function finishBeside(root: string, entries: readonly ManifestEntry[], earlier: Manifest | null): Promise<void> {
  const path = join(root, BESIDE_MANIFEST);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, manifestText('labelme', entries));
  await rename(`${path}.tmp`, path);
  const now = new Set(entries.map((e) => e.path));
  for (const old of earlier?.files ?? []) {
    if (now.has(old.path) || !('size' in old)) continue;
    const file = join(root, ...old.path.split('/'));
    const info = await lstat(file).catch(() => null);
    if (info !== null && info.isFile() && info.size === old.size) await rm(file);
  }
}

function relPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
