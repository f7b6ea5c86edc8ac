/**
 * What `samlabel auto|boxes <input>` runs on: one image file, every image under a folder, or the
 * images of a samlabel project (a folder with a project database, or opened with --db).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { iterateImages } from '../../db/images.js';
import { projectPaths } from '../projects/paths.js';
import type { Project } from '../projects/project.js';
import { walkImages } from '../projects/scanWalk.js';

export interface InputImage {
  readonly path: string;
  /** Relative to the folder or project ('/' separators); the file name for a single image. */
  readonly relPath: string;
  /** The project's image id, for project inputs. */
  readonly imageId?: number;
}

export type InputKind = 'image' | 'folder' | 'project';

export function inputKind(input: string, db?: string): InputKind {
  const abs = resolve(input);
  if (!existsSync(abs)) throw new SamlabelError('ImageNotFound', `${input} does not exist`);
  if (!statSync(abs).isDirectory()) return 'image';
  return db !== undefined || existsSync(projectPaths(abs).dbPath) ? 'project' : 'folder';
}

/**
 * Every image under the folder, sorted, leaving out `outputs` (our own result and overlay folders) when
 * they are inside it: a second run must not take the mask PNGs of the first for photos.
 */
export async function folderImages(folder: string, outputs: readonly string[] = []): Promise<InputImage[]> {
  const root = resolve(folder);
  const inside = outputs.map((o) => relative(root, resolve(o))).filter((r) => r !== '' && !r.startsWith('..') && !isAbsolute(r));
  const rels: string[] = [];
  for await (const rel of walkImages(root, { excludes: new Set(inside.map((r) => r.split('\\').join('/'))) })) rels.push(rel);
  return rels.sort().map((relPath) => ({ path: join(root, relPath), relPath }));
}

/** The project's images that are on disk ('missing' ones are skipped), by id. */
export function projectImages(project: Project): InputImage[] {
  const images: InputImage[] = [];
  for (const image of iterateImages(project.db)) {
    if (image.status === 'missing') continue;
    images.push({ path: join(project.paths.folder, image.relPath), relPath: image.relPath, imageId: image.id });
  }
  return images;
}
