import { join, posix } from 'node:path';
import type { DatasetAnnotation, DatasetImage } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { rleToPolygons } from '../../../shared/masks/polygon.js';
import { rleToBbox } from '../../../shared/masks/rle.js';
import { distinctStems, formatNumber } from './files.js';
import type { ExportOutput } from './output.js';
import type { ExportOptions, ExportPlan, ExportSplit, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * Ultralytics YOLO layout: images/<split>/<relPath>, labels/<split>/<relPath stem>.txt (Ultralytics finds a label
 * by swapping `/images/` for `/labels/` and the extension for .txt), data.yaml with an absolute `path`.
 * Segmentation lines are `cls x1 y1 x2 y2 ...` normalised to [0, 1], one line per part of a mask.
 */

/** Six decimals keep vertices within 5e-7 of the image size: well inside pycocotools' 0.1 px rounding margin. */
const DIGITS = 6;

export async function writeYolo(plan: ExportPlan, options: ExportOptions, out: ExportOutput): Promise<WriterOutput> {
  const unknown = plan.splits.find((s) => !YOLO_SPLITS.includes(s.name));
  if (unknown !== undefined) throw new SamlabelError('ExportError', `YOLO splits are train, val and test (Ultralytics reads no other), not "${unknown.name}"`);
    const written: WrittenAnnotation[] = [];
  for (const split of plan.splits) {
    const stems = distinctStems(split.images.map((e) => e.image.relPath));
    for (const { image, annotations } of split.images) {
      // The image is linked under its (possibly disambiguated) stem: Ultralytics pairs image and label by stem.
      const stem = stems.get(image.relPath) ?? image.relPath;
      const exportedRel = stem + posix.extname(image.relPath);
      const lines: string[] = [];
      for (const ann of annotations) {
        const own = yoloLines(ann, image, plan.categoryIndex.get(ann.categoryId) ?? 0, options);
        lines.push(...own);
        written.push({ annotationId: ann.id, imageRelPath: exportedRel, units: own.length, exact: false });
      }
      await out.file(join(options.outDir, 'labels', split.name, `${stem}.txt`), lines.map((l) => `${l}\n`).join(''));
      await out.image(image.absPath, join(options.outDir, 'images', split.name, exportedRel));
      out.imageDone();
    }
  }
  const yamlPath = join(options.outDir, 'data.yaml');
  await out.file(yamlPath, dataYaml(plan, options.publishDir ?? options.outDir));
  return { written, readBack: yamlPath };
}

/** One `cls cx cy w h` line (boxes) or one polygon line per part; holes ride along on zero-width bridges. */
export function yoloLines(ann: DatasetAnnotation, image: DatasetImage, cls: number, options: ExportOptions): string[] {
  const { width: w, height: h } = image;
  if (options.yoloBoxes === true) {
    const [x, y, bw, bh] = rleToBbox(ann.rle);
    const values = [(x + bw / 2) / w, (y + bh / 2) / h, bw / w, bh / h];
    return [[cls, ...values.map((v) => formatNumber(v, DIGITS))].join(' ')];
  }
  const parts = rleToPolygons(ann.rle, { epsilon: options.simplify ?? 0 });
  return parts.map((part) => {
    const coords = part.ring.map((v, i) => formatNumber(v / (i % 2 === 0 ? w : h), DIGITS));
    return [String(cls), ...coords].join(' ');
  });
}

const YOLO_SPLITS = ['train', 'val', 'test'];

/**
 * data.yaml: `val` falls back to the train folder when there is no val split (Ultralytics refuses a dataset
 * without one). Strings are JSON-quoted, which YAML reads as double-quoted scalars, so any label name is safe.
 */
export function dataYaml(plan: ExportPlan, outDir: string): string {
  const find = (name: string): ExportSplit | undefined => plan.splits.find((s) => s.name === name);
  const train = find('train') ?? plan.splits[0];
  const val = find('val') ?? train;
  const test = find('test');
  const dir = (s: ExportSplit): string => JSON.stringify(`images/${s.name}`);
  const lines = ['# Ultralytics YOLO dataset written by samlabel', `path: ${JSON.stringify(outDir)}`];
  lines.push(`train: ${dir(train)}`, `val: ${dir(val)}`);
  if (test !== undefined) lines.push(`test: ${dir(test)}`);
  lines.push(`nc: ${plan.categories.length}`, 'names:');
  plan.categories.forEach((c, i) => lines.push(`  ${i}: ${JSON.stringify(c.name)}`));
  return `${lines.join('\n')}\n`;
}
