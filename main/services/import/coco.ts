import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Dataset } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';
import { DatasetBuilder, type ReadOptions } from './builder.js';
import { attributeSchema, readJsonFile, requireExists } from './sources.js';

const rleSchema = z.object({
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  counts: z.union([z.string(), z.array(z.number().int().nonnegative())]),
});

const cocoSchema = z.object({
  images: z.array(z.object({ id: z.number(), file_name: z.string(), width: z.number().int(), height: z.number().int() })),
  categories: z.array(z.object({ id: z.number(), name: z.string(), supercategory: z.string().optional() })),
  annotations: z.array(
    z.object({
      image_id: z.number(),
      category_id: z.number(),
      segmentation: z.union([z.array(z.array(z.number())), rleSchema]),
      iscrowd: z.union([z.literal(0), z.literal(1)]).optional(),
      score: z.number().optional(),
      attributes: attributeSchema.optional(),
    }),
  ),
});

type CocoDocument = z.infer<typeof cocoSchema>;

/** A COCO instances JSON, or a folder: every `*.json` directly in it (one per split, as samlabel writes them). */
export async function readCoco(path: string, options: ReadOptions = {}): Promise<Dataset> {
  requireExists(path, 'COCO file');
  const files = statSync(path).isDirectory()
    ? (await readdir(path)).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new SamlabelError('ImportError', `no COCO .json file in ${path}`);
  const builder = new DatasetBuilder(options);
  for (const file of files) addDocument(builder, await readJsonFile(file, cocoSchema), dirname(file), file);
  return builder.build();
}

function addDocument(builder: DatasetBuilder, doc: CocoDocument, root: string, file: string): void {
  const categoryOf = new Map(doc.categories.map((c) => [c.id, builder.category(c.name, c.supercategory ?? '')]));
  const imageOf = new Map<number, { id: number; width: number; height: number; name: string }>();
  for (const img of doc.images) {
    const { path, relPath } = locateImage(root, img.file_name);
    imageOf.set(img.id, { id: builder.addImage(relPath, path, img.width, img.height), width: img.width, height: img.height, name: img.file_name });
  }
  doc.annotations.forEach((ann, i) => {
    const image = imageOf.get(ann.image_id);
    const category = categoryOf.get(ann.category_id);
    const where = `${file}: annotations.${i}`;
    if (image === undefined) throw new SamlabelError('ImportError', `${where}: unknown image_id ${ann.image_id}`);
    if (category === undefined) throw new SamlabelError('ImportError', `${where}: unknown category_id ${ann.category_id}`);
    const rle = segmentationRle(ann.segmentation, image.height, image.width, where);
    builder.addAnnotation(image.id, category, rle, { iscrowd: ann.iscrowd ?? 0, score: ann.score ?? null, attributes: ann.attributes });
  });
}

/**
 * file_name is relative to the JSON (samlabel, Roboflow) or to an images/ folder beside it (CVAT); the project
 * path drops a leading `images/`, the folder samlabel puts them in.
 */
function locateImage(root: string, fileName: string): { path: string; relPath: string } {
  const candidates = [join(root, fileName), join(root, 'images', fileName), join(root, '..', 'images', fileName)];
  const path = candidates.find((c) => existsSync(c)) ?? candidates[0];
  return { path, relPath: fileName.replace(/^(\.\/)?images\//, '') };
}

/** Polygons rasterise as pycocotools does; RLE (compressed or not) is taken as is after a size check. */
function segmentationRle(seg: CocoDocument['annotations'][number]['segmentation'], h: number, w: number, where: string): UncompressedRle | CompressedRle {
  if (Array.isArray(seg)) {
    const polys = seg.filter((p) => p.length >= 6);
    if (polys.length === 0) return { size: [h, w], counts: [h * w] };
    return polygonsToRle(polys, h, w);
  }
  if (seg.size[0] !== h || seg.size[1] !== w) {
    throw new SamlabelError('ImportError', `${where}: RLE size ${seg.size.join('×')} is not the image's ${h}×${w} (height×width)`);
  }
  if (typeof seg.counts === 'string') return { size: [h, w], counts: seg.counts };
  if (seg.counts.reduce((s, c) => s + c, 0) !== h * w) throw new SamlabelError('ImportError', `${where}: RLE counts do not add up to ${h}×${w}`);
  return { size: [h, w], counts: seg.counts };
}
