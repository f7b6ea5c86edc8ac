import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import sharp from 'sharp';
import { addAnnotations } from '../../../main/services/annotations/annotations.js';
import { addLabel } from '../../../main/services/labels/labels.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { iterateImages } from '../../../main/db/images.js';
import { encodeRle } from '../../../shared/masks/rle.js';
import { paint } from './fixture.js';

export interface ImageSpec {
  readonly rel: string;
  readonly width: number;
  readonly height: number;
}

/** Writes real image files (distinct bytes each) under folder. */
export async function writeImages(folder: string, specs: readonly ImageSpec[]): Promise<void> {
  for (const [n, { rel, width, height }] of specs.entries()) {
    const path = join(folder, ...rel.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    const rgb = Buffer.alloc(width * height * 3, 40 + n * 17);
    const img = sharp(rgb, { raw: { width, height, channels: 3 } });
    await (path.endsWith('.jpg') ? img.jpeg() : img.png()).toFile(path);
  }
}

/**
 * A scanned project at `folder` with one label `thing` and one rectangle mask per image (at a third of its size),
 * every image marked done; built through the services, as the app would.
 */
export async function makeLabelledProject(folder: string, specs: readonly ImageSpec[]): Promise<void> {
  await writeImages(folder, specs);
  const project = Project.init(folder);
  try {
    await scanProject(project);
    const label = addLabel(project, { name: 'thing', color: '#ff0000' });
    for (const image of [...iterateImages(project.db)]) {
      const { width: w, height: h } = image;
      const rle = encodeRle(paint(w, h, (x, y) => x >= w / 3 && x < (2 * w) / 3 && y >= h / 3 && y < (2 * h) / 3));
      addAnnotations(project, image.id, [{ labelId: label.id, rle, source: 'click' }]);
    }
  } finally {
    project.close();
  }
}

/**
 * Every entry under dir (links by target, files by sha256), to prove a folder was left exactly as it was.
 * The project store's own folder (.samlabel: database, WAL) is not the user's and is left out.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const key = relative(dir, path);
      const info = lstatSync(path);
      if (info.isSymbolicLink()) out[key] = `link ${readlinkSync(path)}`;
      else if (info.isDirectory()) {
        if (e.name !== '.samlabel') visit(path);
      }
      else out[key] = `file ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  visit(dir);
  return out;
}
