import { join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { distinctStems, jsonText, splitFolder } from './files.js';
import type { ExportOutput } from './output.js';
import { paintInstances } from './labelMap.js';
import { parseHexColor, toHexColor, vocColor, type Rgb } from './palette.js';
import { encodePng } from './png.js';
import type { ExportOptions, ExportPlan, ExportSplit, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * PNG masks per split folder: instances/<stem>.png (16-bit grey, value = instance 1..n, 0 background),
 * semantic/<stem>.png (8-bit palette, value = class 1..k in category order, palette from the label colours),
 * images/<relPath> (links or copies) and legend.json tying values to labels and annotation fields.
 * Overlaps: the higher z-order wins, so a hidden part of a lower mask is not in the file (verify reports it).
 */
export const LEGEND_FILE = 'legend.json';
export const LEGEND_FORMAT = 'samlabel-masks-png';

export interface LegendObject {
  value: number;
  category: number;
  iscrowd: 0 | 1;
  zOrder: number;
  score: number | null;
  attributes: Record<string, string | number | boolean>;
}

export interface LegendImage {
  image: string;
  width: number;
  height: number;
  instances: string;
  semantic: string;
  objects: LegendObject[];
}

export interface Legend {
  format: typeof LEGEND_FORMAT;
  version: 1;
  categories: Array<{ value: number; name: string; supercategory: string; color: string }>;
  images: LegendImage[];
}

export async function writePngMasks(plan: ExportPlan, options: ExportOptions, out: ExportOutput): Promise<WriterOutput> {
  if (plan.categories.length > 255) throw new SamlabelError('ExportError', `${plan.categories.length} labels do not fit an 8-bit class PNG (255 at most)`);
    const written: WrittenAnnotation[] = [];
  for (const split of plan.splits) {
    const dir = splitFolder(options, split.name);
    const legend = await writeSplit(plan, split, dir, out, written);
    await out.file(join(dir, LEGEND_FILE), jsonText(legend));
  }
  return { written, readBack: options.outDir };
}

async function writeSplit(plan: ExportPlan, split: ExportSplit, dir: string, out: ExportOutput, written: WrittenAnnotation[]): Promise<Legend> {
  const stems = distinctStems(split.images.map((e) => e.image.relPath));
  const palette = categoryPalette(plan);
  const images: LegendImage[] = [];
  for (const entry of split.images) {
    const { image, annotations } = entry;
    if (annotations.length > 65535) throw new SamlabelError('ExportError', `${image.relPath} has more than 65535 masks`);
    const map = paintInstances(plan, entry);
    const stem = stems.get(image.relPath) ?? image.relPath;
    const record = { image: `images/${image.relPath}`, width: image.width, height: image.height };
    const paths = { instances: `instances/${stem}.png`, semantic: `semantic/${stem}.png` };
    await out.file(join(dir, paths.instances), encodePng({ kind: 'gray16', width: map.width, height: map.height, values: map.values }));
    await out.file(join(dir, paths.semantic), encodePng({ kind: 'palette', width: map.width, height: map.height, indices: map.classes, palette }));
    await out.image(image.absPath, join(dir, record.image));
    const objects = annotations.map((ann, i) => ({
      value: i + 1,
      category: map.classOf[i + 1],
      iscrowd: ann.iscrowd,
      zOrder: ann.zOrder,
      score: ann.score,
      attributes: { ...ann.attributes },
    }));
    images.push({ ...record, ...paths, objects });
    for (const ann of annotations) written.push({ annotationId: ann.id, imageRelPath: image.relPath, units: 1, exact: true });
    out.imageDone();
  }
  const categories = plan.categories.map((c, i) => ({ value: i + 1, name: c.name, supercategory: c.supercategory, color: toHexColor(palette[i + 1]) }));
  return { format: LEGEND_FORMAT, version: 1, categories, images };
}

/** Index 0 black; each label's own colour (VOC's colour for that index when a colour is unreadable). */
function categoryPalette(plan: ExportPlan): Rgb[] {
  return [[0, 0, 0], ...plan.categories.map((c, i) => parseHexColor(c.color, vocColor(i + 1)))];
}
