import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Dataset, DatasetAnnotation, DatasetImage } from '../../../shared/dataset.js';
import { decodeRle, encodeRle, rleArea, toCompressed } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';

/**
 * A small project on disk (real image files in a tmp dir) and its Dataset, covering what exports get wrong:
 * a mask with a hole, a two-part mask, an overlap resolved by z-order, a crowd region, an image without
 * annotations, one in a subfolder, a missing one, and an unused label.
 */
export interface Fixture {
  readonly root: string;
  readonly project: string;
  readonly dataset: Dataset;
  cleanup(): void;
}

type Painter = (x: number, y: number) => boolean;

export function paint(width: number, height: number, inside: Painter): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inside(x, y) ? 1 : 0;
  return { height, width, data };
}

const disc = (cx: number, cy: number, r: number): Painter => (x, y) => (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
const rect = (x0: number, y0: number, x1: number, y1: number): Painter => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;

async function writeImage(path: string, width: number, height: number): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) % 251;
  const img = sharp(rgb, { raw: { width, height, channels: 3 } });
  await (path.endsWith('.jpg') ? img.jpeg() : img.png()).toFile(path);
}

export async function makeFixture(): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'samlabel-export-'));
  const project = join(root, 'project');
  const specs: Array<Omit<DatasetImage, 'absPath'>> = [
    { id: 1, relPath: 'a.png', width: 64, height: 48, status: 'done' },
    { id: 2, relPath: 'sub/b.jpg', width: 40, height: 30, status: 'in_progress' },
    { id: 3, relPath: 'c.png', width: 32, height: 24, status: 'done' },
    { id: 4, relPath: 'gone.png', width: 20, height: 20, status: 'missing' },
    { id: 5, relPath: 'e.png', width: 50, height: 50, status: 'done' },
  ];
  const images = specs.map((s) => ({ ...s, absPath: join(project, ...s.relPath.split('/')) }));
  for (const img of images) if (img.status !== 'missing') await writeImage(img.absPath, img.width, img.height);
  const categories = [
    { id: 10, name: 'cat', color: '#ff0000', supercategory: 'animal', order: 1 },
    { id: 11, name: 'dog', color: '#00ff00', supercategory: 'animal', order: 0 },
    { id: 12, name: 'bird', color: '#0000ff', supercategory: 'animal', order: 2 },
  ];
  let nextId = 100;
  const annotations: DatasetAnnotation[] = [];
  const add = (imageId: number, categoryId: number, mask: BinaryMask, more: Partial<DatasetAnnotation> = {}): void => {
    annotations.push({ id: nextId++, imageId, categoryId, rle: encodeRle(mask), iscrowd: 0, score: null, zOrder: 0, attributes: {}, ...more });
  };
  add(1, 10, paint(64, 48, disc(16, 16, 10)), { score: 0.93, attributes: { occluded: false, note: 'left' } });
  add(1, 11, paint(64, 48, (x, y) => disc(44, 20, 12)(x, y) && !disc(44, 20, 5)(x, y)), { zOrder: 1 });
  add(1, 10, paint(64, 48, (x, y) => rect(2, 36, 12, 46)(x, y) || rect(30, 38, 60, 44)(x, y)), { zOrder: 2 });
  add(1, 11, paint(64, 48, rect(20, 10, 30, 30)), { zOrder: 5 });
  const crowd = paint(40, 30, (x, y) => rect(4, 4, 20, 20)(x, y) && (x + y) % 3 !== 0);
  add(2, 11, crowd, { iscrowd: 1 });
  add(2, 10, paint(40, 30, disc(30, 15, 7)), { zOrder: 1 });
  add(4, 10, paint(20, 20, rect(2, 2, 8, 8)));
  const big = toCompressed(encodeRle(paint(50, 50, (x, y) => disc(25, 25, 20)(x, y) && !rect(20, 20, 30, 30)(x, y))));
  annotations.push({ id: nextId++, imageId: 5, categoryId: 10, rle: big, iscrowd: 0, score: null, zOrder: 0, attributes: {} });
  add(5, 11, paint(50, 50, () => false));
  return { root, project, dataset: { images, categories, annotations }, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function annotationsOf(dataset: Dataset, relPath: string): DatasetAnnotation[] {
  const image = dataset.images.find((i) => i.relPath === relPath);
  return dataset.annotations.filter((a) => a.imageId === image?.id).sort((a, b) => a.zOrder - b.zOrder || a.id - b.id);
}

export function pixelsDiffering(a: DatasetAnnotation['rle'], b: DatasetAnnotation['rle']): number {
  const ma = decodeRle(a).data;
  const mb = decodeRle(b).data;
  if (ma.length !== mb.length) return Math.max(ma.length, mb.length);
  let n = 0;
  for (let i = 0; i < ma.length; i++) if (ma[i] !== mb[i]) n++;
  return n;
}

/** The masks of an exportable image (non-empty ones) as the dataset holds them, for round-trip comparisons. */
export function exportedMasks(dataset: Dataset, relPath: string): DatasetAnnotation[] {
  return annotationsOf(dataset, relPath).filter((a) => rleArea(a.rle) > 0);
}
