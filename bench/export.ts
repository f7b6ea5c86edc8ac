import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, DatasetAnnotation, DatasetImage } from '../shared/dataset.js';
import type { UncompressedRle } from '../shared/masks/types.js';
import { exportDataset } from '../main/services/export/exportDataset.js';
import type { ExportOptions } from '../main/services/export/types.js';
import { against, summarize, timeRuns, type BenchResult } from './stats.js';

/**
 * Export of 10k annotations per format: 1000 images of 640×480, 10 masks each (discs of radius 8–60, every tenth a
 * ring with a hole, every tenth two parts), 4 labels, split 80/20. Images are symlinks to files that need not
 * exist (no exporter reads pixels), so the numbers are mask work plus file writes. Baseline: COCO with RLE.
 */
const IMAGES = 1000;
const PER_IMAGE = 10;
const WIDTH = 640;
const HEIGHT = 480;

type Interval = [number, number];

/** Column-major RLE straight from per-column row intervals (sorted, disjoint): no full-size mask to encode. */
function rleFromColumns(h: number, w: number, intervals: (x: number) => Interval[]): UncompressedRle {
  const counts: number[] = [];
  let last = 0;
  let inside = false;
  for (let x = 0; x < w; x++) {
    for (const [a, b] of intervals(x)) {
      const start = x * h + a;
      counts.push(start - last, b - a);
      last = start + (b - a);
      inside = true;
    }
  }
  counts.push(h * w - last);
  return { size: [h, w], counts: inside ? mergeZeroRuns(counts) : [h * w] };
}

/** Touching intervals in adjacent columns leave zero-length background runs: fold them, as pycocotools would. */
function mergeZeroRuns(counts: number[]): number[] {
  const out = [counts[0]];
  for (let i = 1; i < counts.length; i++) {
    if (counts[i] === 0 && i % 2 === 0 && i + 1 < counts.length) {
      out[out.length - 1] += counts[++i];
    } else out.push(counts[i]);
  }
  return out;
}

function discRows(cx: number, cy: number, r: number, x: number): Interval | null {
  const dx = x + 0.5 - cx;
  if (Math.abs(dx) > r) return null;
  const half = Math.sqrt(r * r - dx * dx);
  const a = Math.max(0, Math.ceil(cy - half - 0.5));
  const b = Math.min(HEIGHT, Math.floor(cy + half - 0.5) + 1);
  return a < b ? [a, b] : null;
}

function shapeRle(k: number, random: () => number): UncompressedRle {
  const r = 8 + random() * 52;
  const cx = r + random() * (WIDTH - 2 * r);
  const cy = r + random() * (HEIGHT - 2 * r);
  if (k % 10 === 0) {
    return rleFromColumns(HEIGHT, WIDTH, (x) => {
      const outer = discRows(cx, cy, r, x);
      const hole = discRows(cx, cy, r / 2, x);
      if (outer === null) return [];
      if (hole === null) return [outer];
      return [[outer[0], hole[0]], [hole[1], outer[1]]].filter(([a, b]) => a < b) as Interval[];
    });
  }
  const second = k % 10 === 1 ? cx + 2 * r + 2 < WIDTH : false;
  return rleFromColumns(HEIGHT, WIDTH, (x) => {
    const own = discRows(cx, cy, r * 0.8, x);
    const other = second ? discRows(cx + 2 * r + 2 - r * 0.4, cy, r * 0.4, x) : null;
    return [own, other].filter((i): i is Interval => i !== null);
  });
}

export function syntheticDataset(seed = 1): Dataset {
  let s = seed >>> 0;
  const random = (): number => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const images: DatasetImage[] = [];
  const annotations: DatasetAnnotation[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const relPath = `img/${String(i).padStart(5, '0')}.jpg`;
    images.push({ id: i + 1, relPath, absPath: join('/nonexistent', relPath), width: WIDTH, height: HEIGHT, status: 'done' });
    for (let k = 0; k < PER_IMAGE; k++) {
      const id = annotations.length + 1;
      const rle = shapeRle(k, random);
      annotations.push({ id, imageId: i + 1, categoryId: 1 + (id % 4), rle, iscrowd: 0, score: null, zOrder: k, attributes: {} });
    }
  }
  const categories = ['person', 'car', 'dog', 'cat'].map((name, i) => ({ id: i + 1, name, color: '#808080', supercategory: '', order: i }));
  return { images, categories, annotations };
}

const CASES: Array<[string, Omit<ExportOptions, 'outDir'>]> = [
  ['coco rle', { format: 'coco', cocoSeg: 'rle' }],
  ['coco polygon', { format: 'coco' }],
  ['yolo-seg', { format: 'yolo-seg' }],
  ['yolo-seg boxes', { format: 'yolo-seg', yoloBoxes: true }],
  ['labelme', { format: 'labelme' }],
  ['masks-png', { format: 'masks-png' }],
  ['voc', { format: 'voc' }],
];

export async function benchExport(): Promise<BenchResult[]> {
  const dataset = syntheticDataset();
  const root = mkdtempSync(join(tmpdir(), 'samlabel-bench-export-'));
  const results: BenchResult[] = [];
  try {
    for (const [name, options] of CASES) {
      const split = { parts: [{ name: 'train', fraction: 0.8 }, { name: 'val', fraction: 0.2 }] };
      // A new folder each run: exporting over an earlier export is refused without --overwrite.
      let run = 0;
      const outDir = (): string => join(root, name.replace(/\W+/g, '-'), String(run++));
      const samples = await timeRuns(3, 1, () => exportDataset(dataset, { ...options, outDir: outDir(), split, seed: 1 }));
      results.push(summarize(`export ${name}: ${annotations(dataset)} annotations, ${IMAGES} images ${WIDTH}x${HEIGHT}`, samples));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return results.map((r) => (r === results[0] ? r : against(r, results[0])));
}

const annotations = (d: Dataset): string => `${d.annotations.length / 1000}k`;
