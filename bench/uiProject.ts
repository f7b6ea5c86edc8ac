/**
 * The UI bench's project: twelve 1024×683 photos-to-be and one 4000×3000 image that already carries
 * 200 accepted masks (written through the store's services, as the app would have).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { UncompressedRle } from '../shared/masks/types.js';
import { mulberry32 } from '../shared/random.js';
import { addAnnotations } from '../main/services/annotations/annotations.js';
import { findImageByPath } from '../main/db/images.js';
import { addLabel } from '../main/services/labels/labels.js';
import { Project } from '../main/services/projects/project.js';
import { scanProject } from '../main/services/projects/scan.js';

/** Zero-padded, so path order is numeric order. */
export const SMALL = Array.from({ length: 12 }, (_, i) => `a${String(i).padStart(2, '0')}.jpg`);
export const BIG = 'big.jpg';
export const BIG_SIZE = { width: 4000, height: 3000 };
export const MASKS_ON_BIG = 200;

/** Smooth random colour blobs: something a JPEG codec and a browser decode like a photo. */
async function writePhoto(path: string, width: number, height: number, seed: number): Promise<void> {
  const rng = mulberry32(seed);
  const small = Buffer.alloc(32 * 24 * 3);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(rng() * 255);
  await sharp(small, { raw: { width: 32, height: 24, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).jpeg({ quality: 85 }).toFile(path);
}

/** Column-major COCO runs of a filled disc, without materialising the 12 MP mask. */
function discRle(height: number, width: number, cx: number, cy: number, r: number): UncompressedRle {
  const counts: number[] = [];
  let last = 0; // index after the previous foreground run
  for (let x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
    const half = Math.floor(Math.sqrt(r * r - (x - cx) * (x - cx)));
    const y0 = Math.max(0, cy - half);
    const y1 = Math.min(height - 1, cy + half);
    if (y1 < y0) continue;
    const start = x * height + y0;
    counts.push(start - last, y1 - y0 + 1);
    last = x * height + y1 + 1;
  }
  counts.push(height * width - last);
  return { size: [height, width], counts };
}

export async function makeUiProject(root: string): Promise<string> {
  const folder = join(root, 'photos');
  mkdirSync(folder, { recursive: true });
  await Promise.all(SMALL.map((name, i) => writePhoto(join(folder, name), 1024, 683, i + 1)));
  await writePhoto(join(folder, BIG), BIG_SIZE.width, BIG_SIZE.height, 99);
  const project = Project.init(folder);
  try {
    await scanProject(project);
    const label = addLabel(project, { name: 'object' });
    const big = findImageByPath(project.db, BIG);
    if (!big) throw new Error('the scan did not find big.jpg');
    const rng = mulberry32(7);
    const masks = Array.from({ length: MASKS_ON_BIG }, () => {
      const r = 40 + Math.floor(rng() * 160);
      const cx = r + Math.floor(rng() * (BIG_SIZE.width - 2 * r));
      const cy = r + Math.floor(rng() * (BIG_SIZE.height - 2 * r));
      return { labelId: label.id, rle: discRle(BIG_SIZE.height, BIG_SIZE.width, cx, cy, r), source: 'import' as const };
    });
    addAnnotations(project, big.id, masks);
  } finally {
    project.close();
  }
  return folder;
}
