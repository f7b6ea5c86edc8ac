import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Dataset } from '../../../shared/dataset.js';
import { polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { probeImage } from '../../imaging/probeImage.js';
import { DatasetBuilder, type ReadOptions } from './builder.js';
import { attributeSchema, readJsonFile, relPathOf, requireExists, walkFiles } from './sources.js';

const shapeSchema = z.object({
  label: z.string(),
  points: z.array(z.tuple([z.number(), z.number()])),
  group_id: z.number().nullable().optional(),
  shape_type: z.string().nullable().optional(),
  flags: z.record(z.string(), z.boolean()).nullable().optional(),
  attributes: attributeSchema.optional(),
});

const labelmeSchema = z.object({
  imagePath: z.string(),
  shapes: z.array(shapeSchema),
  imageHeight: z.number().int().nullable().optional(),
  imageWidth: z.number().int().nullable().optional(),
});

type Shape = z.infer<typeof shapeSchema>;

/**
 * labelme JSON files: one file, or every labelme JSON under a folder (other JSON files are passed over). Image
 * paths are relative to their JSON; the project path is relative to the folder read. Shapes sharing a label and a
 * group_id are one instance (as labelme's own shapes_to_label has it); polygons and rectangles have area, lines
 * and points do not and are skipped.
 */
export async function readLabelme(path: string, options: ReadOptions = {}): Promise<Dataset> {
  requireExists(path, 'labelme file or folder');
  const isDir = statSync(path).isDirectory();
  const root = isDir ? path : dirname(path);
  const files = isDir ? await walkFiles(path, (n) => n.toLowerCase().endsWith('.json')) : [path];
  const builder = new DatasetBuilder(options);
  for (const file of files) {
    const doc = await loadDocument(file, !isDir);
    if (doc === null) continue;
    const imageFile = join(dirname(file), doc.imagePath);
    const size = await imageSize(imageFile, doc.imageHeight, doc.imageWidth);
    const imageId = builder.addImage(relPathOf(root, imageFile), imageFile, size.width, size.height);
    for (const shapes of instances(doc.shapes)) {
      const rings = shapes.map(shapeRing).filter((r): r is number[] => r !== null);
      if (rings.length === 0) continue;
      const first = shapes[0];
      builder.addAnnotation(imageId, builder.category(first.label), polygonsToRle(rings, size.height, size.width), {
        iscrowd: first.flags?.iscrowd === true ? 1 : 0,
        attributes: first.attributes,
      });
    }
  }
  return builder.build();
}

/** A file named on the command line must be labelme JSON; in a folder, other JSON files are passed over. */
async function loadDocument(file: string, strict: boolean): Promise<z.infer<typeof labelmeSchema> | null> {
  if (strict) return readJsonFile(file, labelmeSchema);
  try {
    const parsed = labelmeSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** imageHeight/imageWidth when the file gives them (labelme writes them), else the image's own oriented size. */
async function imageSize(file: string, height: number | null | undefined, width: number | null | undefined): Promise<{ width: number; height: number }> {
  if (typeof height === 'number' && typeof width === 'number') return { width, height };
  const probe = await probeImage(await readFile(file), { source: file });
  return { width: probe.width, height: probe.height };
}

/** Shapes grouped by (label, group_id) in first-seen order; a shape without group_id is an instance of its own. */
function instances(shapes: readonly Shape[]): Shape[][] {
  const groups = new Map<string, Shape[]>();
  shapes.forEach((s, i) => {
    const key = s.group_id === null || s.group_id === undefined ? `#${i}` : `${s.label}\u0000${s.group_id}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  });
  return [...groups.values()];
}

function shapeRing(shape: Shape): number[] | null {
  const type = shape.shape_type ?? 'polygon';
  const p = shape.points;
  if (type === 'polygon' && p.length >= 3) return p.flat();
  if (type === 'rectangle' && p.length === 2) {
    const [[x0, y0], [x1, y1]] = p;
    return [x0, y0, x1, y0, x1, y1, x0, y1];
  }
  if (type === 'circle' && p.length === 2) return circleRing(p[0], p[1]);
  return null;
}

function circleRing([cx, cy]: [number, number], [px, py]: [number, number]): number[] {
  const r = Math.hypot(px - cx, py - cy);
  const n = Math.max(16, Math.ceil(2 * Math.PI * r));
  return Array.from({ length: n }, (_, i) => [cx + r * Math.cos((2 * Math.PI * i) / n), cy + r * Math.sin((2 * Math.PI * i) / n)]).flat();
}
