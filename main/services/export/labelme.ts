import { basename, dirname, join } from 'node:path';
import type { DatasetAnnotation } from '../../../shared/dataset.js';
import { rleToPolygons } from '../../../shared/masks/polygon.js';
import { distinctStems } from './files.js';
import { labelmeMaskShape } from './labelmeMask.js';
import { projectRoot } from './plan.js';
import type { ExportOutput } from './output.js';
import type { ExportImage, ExportOptions, ExportPlan, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * labelme JSON, one file per image beside a link to (or copy of) the image, in the project's folder layout, so
 * labelme opens the export folder as is; with besideImages the JSON goes next to the project's own image instead.
 * labelme has no splits: with --split, `<split>.txt` lists each split's JSON files (paths relative to the export),
 * keeping one folder whose paths are the project's. Only `polygon` shapes: labelme 5.1 (Debian's) rejects `mask`
 * shapes. The parts of one mask share a group_id; holes ride on zero-width bridges.
 */

/** The labelme version whose JSON layout is written (the keys are those LabelFile.load reads). */
export const LABELME_VERSION = '5.1.1';
/** With --labelme-masks: a version whose LabelFile reads `mask` shapes (5.3 added them). */
export const LABELME_MASKS_VERSION = '5.5.0';

export interface LabelmeShape {
  label: string;
  points: Array<[number, number]>;
  group_id: number | null;
  shape_type: 'polygon';
  flags: Record<string, boolean>;
  attributes?: Record<string, string | number | boolean>;
}

export async function writeLabelme(plan: ExportPlan, options: ExportOptions, out: ExportOutput): Promise<WriterOutput> {
    const written: WrittenAnnotation[] = [];
  const beside = options.besideImages === true;
  const stems = distinctStems(plan.splits.flatMap((s) => s.images.map((e) => e.image.relPath)));
  for (const split of plan.splits) {
    const listed: string[] = [];
    for (const entry of split.images) {
      const { image } = entry;
      const jsonRel = `${stems.get(image.relPath) ?? image.relPath}.json`;
      const jsonPath = beside ? join(dirname(image.absPath), basename(jsonRel)) : join(options.outDir, jsonRel);
      if (!beside) await out.image(image.absPath, join(options.outDir, image.relPath));
      await out.file(jsonPath, labelmeJson(labelmeDocument(plan, entry, options, basename(image.absPath))));
      listed.push(jsonRel);
      const exact = options.labelmeMasks === true;
      for (const ann of entry.annotations) written.push({ annotationId: ann.id, imageRelPath: image.relPath, units: 1, exact });
      out.imageDone();
    }
    if (!beside && options.split !== undefined) await out.file(join(options.outDir, `${split.name}.txt`), listed.map((l) => `${l}\n`).join(''));
  }
  const readBack = options.besideImages === true ? projectRoot(plan) : options.outDir;
  return { written, readBack };
}

function labelmeDocument(plan: ExportPlan, { image, annotations }: ExportImage, options: ExportOptions, imagePath: string): object {
  const shapes = annotations.flatMap((ann, i) => {
    const label = plan.categories[plan.categoryIndex.get(ann.categoryId) ?? 0].name;
    return options.labelmeMasks === true ? maskShapes(ann, label, i + 1) : labelmeShapes(ann, label, i + 1, options.simplify ?? 0);
  });
  return {
    version: options.labelmeMasks === true ? LABELME_MASKS_VERSION : LABELME_VERSION,
    flags: {},
    shapes,
    imagePath,
    imageData: null,
    imageHeight: image.height,
    imageWidth: image.width,
  };
}

/**
 * Indented like labelme's own files, but each shape's point list on one line: a mask outline has hundreds of
 * points, and one line per coordinate made files (and export time) several times larger.
 */
export function labelmeJson(doc: object): string {
  const inline: string[] = [];
  const text = JSON.stringify(doc, (key, value: unknown) => (key === 'points' ? `\u0000${inline.push(JSON.stringify(value)) - 1}` : value), 2);
  return `${text.replace(/"\\u0000(\d+)"/g, (_, i: string) => inline[Number(i)])}\n`;
}

/** One polygon shape per part; iscrowd goes in the shape flags (labelme's per-shape booleans). */
export function labelmeShapes(ann: DatasetAnnotation, label: string, groupId: number, epsilon: number): LabelmeShape[] {
  const parts = rleToPolygons(ann.rle, { epsilon });
  const flags: Record<string, boolean> = ann.iscrowd === 1 ? { iscrowd: true } : {};
  return parts.map((part) => {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < part.ring.length; i += 2) points.push([part.ring[i], part.ring[i + 1]]);
    const shape: LabelmeShape = { label, points, group_id: groupId, shape_type: 'polygon', flags: { ...flags } };
    if (Object.keys(ann.attributes).length > 0) shape.attributes = { ...ann.attributes };
    return shape;
  });
}

/** The mask as one labelme `mask` shape (pixel-exact), with the same flags and attributes as polygons carry. */
function maskShapes(ann: DatasetAnnotation, label: string, groupId: number): object[] {
  const shape = labelmeMaskShape(ann.rle, label, groupId);
  if (shape === null) return [];
  if (ann.iscrowd === 1) shape.flags = { iscrowd: true };
  return [Object.keys(ann.attributes).length > 0 ? { ...shape, attributes: { ...ann.attributes } } : shape];
}
