import { basename, dirname, join } from 'node:path';
import type { DatasetAnnotation } from '../../../shared/dataset.js';
import { maskToPolygons } from '../../../shared/masks/polygon.js';
import { decodeRle } from '../../../shared/masks/rle.js';
import { assertUniqueStems, placeImage, splitFolder, stripExtension, writeJson } from './files.js';
import type { ExportImage, ExportOptions, ExportPlan, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * labelme JSON, one file per image beside a link to (or copy of) the image, so labelme opens the folder as is;
 * with besideImages the JSON goes next to the project's own image instead. Only `polygon` shapes: labelme 5.1
 * (Debian's) rejects `mask` shapes. The parts of one mask share a group_id; holes ride on zero-width bridges.
 */

/** The labelme version whose JSON layout is written (the keys are those LabelFile.load reads). */
export const LABELME_VERSION = '5.1.1';

export interface LabelmeShape {
  label: string;
  points: Array<[number, number]>;
  group_id: number | null;
  shape_type: 'polygon';
  flags: Record<string, boolean>;
  attributes?: Record<string, string | number | boolean>;
}

export async function writeLabelme(plan: ExportPlan, options: ExportOptions): Promise<WriterOutput> {
  const files: string[] = [];
  const written: WrittenAnnotation[] = [];
  for (const split of plan.splits) {
    const dir = splitFolder(options, split.name);
    if (options.besideImages !== true) assertUniqueStems(split.images.map((e) => e.image.relPath), '.json');
    for (const entry of split.images) {
      const { image } = entry;
      const jsonPath =
        options.besideImages === true
          ? join(dirname(image.absPath), `${stripExtension(basename(image.absPath))}.json`)
          : join(dir, `${stripExtension(image.relPath)}.json`);
      if (options.besideImages !== true) await placeImage(image.absPath, join(dir, image.relPath), options.copyImages === true);
      await writeJson(jsonPath, labelmeDocument(plan, entry, options, basename(image.absPath)));
      files.push(jsonPath);
      for (const ann of entry.annotations) written.push({ annotationId: ann.id, imageRelPath: image.relPath, units: 1, exact: false });
    }
  }
  const readBack = options.besideImages === true ? projectRoot(plan) : options.outDir;
  return { files, written, readBack };
}

function labelmeDocument(plan: ExportPlan, { image, annotations }: ExportImage, options: ExportOptions, imagePath: string): object {
  const shapes = annotations.flatMap((ann, i) => {
    const label = plan.categories[plan.categoryIndex.get(ann.categoryId) ?? 0].name;
    return labelmeShapes(ann, label, i + 1, options.simplify ?? 0);
  });
  return {
    version: LABELME_VERSION,
    flags: {},
    shapes,
    imagePath,
    imageData: null,
    imageHeight: image.height,
    imageWidth: image.width,
  };
}

/** One polygon shape per part; iscrowd goes in the shape flags (labelme's per-shape booleans). */
export function labelmeShapes(ann: DatasetAnnotation, label: string, groupId: number, epsilon: number): LabelmeShape[] {
  const parts = maskToPolygons(decodeRle(ann.rle), { epsilon });
  const flags: Record<string, boolean> = ann.iscrowd === 1 ? { iscrowd: true } : {};
  return parts.map((part) => {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < part.ring.length; i += 2) points.push([part.ring[i], part.ring[i + 1]]);
    const shape: LabelmeShape = { label, points, group_id: groupId, shape_type: 'polygon', flags: { ...flags } };
    if (Object.keys(ann.attributes).length > 0) shape.attributes = { ...ann.attributes };
    return shape;
  });
}

/** The project folder, from any image: absPath ends with relPath. */
function projectRoot(plan: ExportPlan): string {
  const first = plan.splits.flatMap((s) => s.images)[0];
  if (first === undefined) return '.';
  const { absPath, relPath } = first.image;
  return absPath.slice(0, absPath.length - relPath.length) || '.';
}
