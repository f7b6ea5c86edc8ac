import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DatasetImage } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { MANIFEST_FILE, readManifest, type Manifest } from './manifest.js';
import { walkExportFolder } from './walk.js';

/** What is at the output path before an export: nothing, an empty folder, or an earlier samlabel export. */
export type OutDirState = 'absent' | 'empty' | 'earlier-export';

export interface OutDirCheck {
  /** The output folder with links resolved: what gets replaced, so a link to a folder keeps pointing at it. */
  readonly realDir: string;
  readonly state: OutDirState;
}

const refuse = (message: string): SamlabelError => new SamlabelError('ExportRefused', message);

/** `path` with every existing ancestor's links resolved (the rest does not exist yet, so it has none). */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const real = await realpath(absolute).catch(() => null);
  if (real !== null) return real;
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(await realPathOf(parent), basename(absolute));
}

/** Whether `path` is `folder` or below it (both absolute). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Decides whether an export may go to `outDir`, before anything is written. Refused: a folder that holds (or is)
 * one of the project's images — the export replaces its folder whole —, a file, a folder with anything samlabel
 * did not write, and an earlier samlabel export unless `overwrite` (and then only if it holds just what its
 * manifest lists, at the listed sizes: a file changed or added by hand is the user's).
 */
export async function checkOutDir(outDir: string, images: readonly DatasetImage[], overwrite: boolean): Promise<OutDirCheck> {
  const realDir = await realPathOf(outDir);
  await refuseImagesInside(resolve(outDir), realDir, images);
  const info = await lstat(realDir).catch(() => null);
  if (info === null) return { realDir, state: 'absent' };
  if (!info.isDirectory()) throw refuse(`${outDir} exists and is not a folder`);
  const present: string[] = [];
  for await (const rel of walkExportFolder(realDir)) present.push(rel);
  if (present.length === 0) return { realDir, state: 'empty' };
  const manifest = await readManifest(join(realDir, MANIFEST_FILE));
  if (manifest === null) throw refuse(`${outDir} holds files samlabel did not write (${present[0]}); export to a new or empty folder`);
  if (!overwrite) throw refuse(`${outDir} holds an earlier samlabel export; --overwrite replaces it`);
  await refuseForeignFiles(outDir, realDir, present, manifest);
  return { realDir, state: 'earlier-export' };
}

async function refuseImagesInside(outDir: string, realDir: string, images: readonly DatasetImage[]): Promise<void> {
  const realFolders = new Map<string, string>();
  for (const image of images) {
    const folder = dirname(image.absPath);
    let realFolder = realFolders.get(folder);
    if (realFolder === undefined) {
      realFolder = await realPathOf(folder);
      realFolders.set(folder, realFolder);
    }
    const real = join(realFolder, basename(image.absPath));
    if (isInside(resolve(image.absPath), outDir) || isInside(real, realDir)) {
      throw refuse(`${outDir} holds the project's image ${image.relPath}: an export there could replace it; export to a folder outside the images`);
    }
  }
}

async function refuseForeignFiles(outDir: string, realDir: string, present: readonly string[], manifest: Manifest): Promise<void> {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const rel of present) {
    if (rel === MANIFEST_FILE) continue;
    const entry = listed.get(rel);
    if (entry === undefined) throw refuse(`${outDir}/${rel} was not written by the earlier export; move it away or export elsewhere`);
    if ('size' in entry) {
      const info = await lstat(join(realDir, ...rel.split('/')));
      if (!info.isFile() || info.size !== entry.size) throw refuse(`${outDir}/${rel} changed since samlabel wrote it; move it away or export elsewhere`);
    }
  }
}
