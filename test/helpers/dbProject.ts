import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Project } from '../../main/services/projects/project.js';
import { tinyPng } from './dbImages.js';

/** A temp dir removed by the returned cleanup; SAMLABEL_CONFIG_DIR points inside it so no test touches the user's config. */
export function tmpDir(prefix = 'samlabel-db-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.env.SAMLABEL_CONFIG_DIR = join(dir, 'config');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes tiny PNGs: `{ 'a.png': [w, h, seed] }`, sub-folders created as needed. */
export function writeImages(folder: string, files: Record<string, readonly [number, number, number?]>): void {
  for (const [rel, [w, h, seed]] of Object.entries(files)) {
    const path = join(folder, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, tinyPng(w, h, seed ?? 0));
  }
}

/** A project folder with the given images, initialised (not scanned). */
export function makeProject(root: string, files: Record<string, readonly [number, number, number?]> = {}): { folder: string; project: Project } {
  const folder = join(root, 'images');
  mkdirSync(folder, { recursive: true });
  writeImages(folder, files);
  return { folder, project: Project.init(folder) };
}

/** `node --import tsx <script>`: how tests run TypeScript in a child process. */
export const TSX_ARGS = ['--import', 'tsx'];
