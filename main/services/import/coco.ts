import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { decompressCounts } from '../../../shared/masks/rle.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';
import { MANIFEST_FILE } from '../export/manifest.js';
import { DatasetBuilder, type ImportRead, type Origin, type ReadOptions } from './builder.js';
import { checkImageSize, coordinateProblem, emptyReason } from './limits.js';
import { listNames, statChecked } from './safeRead.js';
import { cleanAttributes, readJsonFile } from './sources.js';

const rleSchema = z.object({
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  counts: z.union([z.string(), z.array(z.number().int().nonnegative())]),
});

/**
 * Lenient on what other tools leave out or null (info, licenses, supercategory, area, bbox, iscrowd, ids from 0),
 * strict on what makes pixels: sizes, polygons, RLE.
 */
const cocoSchema = z.object({
  images: z.array(z.object({ id: z.number(), file_name: z.string(), width: z.number(), height: z.number() })),
  categories: z.array(z.object({ id: z.number(), name: z.union([z.string(), z.number()]).transform(String), supercategory: z.string().nullish() })),
  annotations: z
    .array(
      z.object({
        image_id: z.number(),
        category_id: z.number(),
        segmentation: z.union([z.array(z.array(z.number())), rleSchema]).nullish(),
        iscrowd: z.union([z.literal(0), z.literal(1), z.boolean()]).nullish(),
        score: z.number().nullish(),
        attributes: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .nullish(),
});

type CocoDocument = z.infer<typeof cocoSchema>;
type Segmentation = NonNullable<NonNullable<CocoDocument['annotations']>[number]['segmentation']>;
type ImageEntry = { id: number; width: number; height: number };

/** A COCO instances JSON, or a folder: every `*.json` directly in it (one per split, as samlabel writes them). */
export async function readCoco(path: string, options: ReadOptions = {}): Promise<ImportRead> {
  const isDir = (await statChecked(path, 'COCO file')).isDirectory;
  const files = isDir
    ? (await listNames(path, 'COCO folder')).filter((f) => f.toLowerCase().endsWith('.json') && f !== MANIFEST_FILE).sort().map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new SamlabelError('ImportError', `no COCO .json file in ${path}`);
  const builder = new DatasetBuilder(options);
  for (const file of files) addDocument(builder, await readJsonFile(file, cocoSchema, dirname(file)), dirname(file), file);
  return builder.result();
}

function addDocument(builder: DatasetBuilder, doc: CocoDocument, root: string, file: string): void {
  const categoryOf = uniqueIds(doc.categories, 'category', file, (c) => builder.category(c.name, c.supercategory ?? ''));
  const imageOf = uniqueIds(doc.images, 'image', file, (img, i) => {
    const { width, height } = checkImageSize(img.width, img.height, `${file}: images.${i} (${img.file_name})`);
    const { path, relPath } = locateImage(root, img.file_name);
    return { id: builder.addImage(relPath, path, width, height), width, height };
  });
  (doc.annotations ?? []).forEach((ann, i) => {
    const origin: Origin = { file, item: `annotations.${i}` };
    const image = imageOf.get(ann.image_id);
    const category = categoryOf.get(ann.category_id);
    if (image === undefined) return builder.skipImage(undefined, file, 'unknown-image', `annotations.${i}: image_id ${ann.image_id} is not in images`);
    if (category === undefined) return builder.skipAnnotation(image.id, origin, 'unknown-label', `category_id ${ann.category_id} is not in categories`);
    const rle = segmentationRle(builder, ann.segmentation, image, origin);
    if (rle === null) return;
    const iscrowd = ann.iscrowd === true || ann.iscrowd === 1 ? 1 : 0;
    const why = Array.isArray(ann.segmentation) ? emptyReason(ann.segmentation.flat(), image.width, image.height) : 'degenerate';
    builder.addAnnotation(image.id, category, rle, { iscrowd, score: ann.score ?? null, attributes: cleanAttributes(ann.attributes) }, origin, why);
  });
}

/** id → value; a repeated id is refused: every annotation of it would silently land on one of the entries. */
function uniqueIds<T extends { id: number }, V>(entries: T[], what: string, file: string, make: (e: T, i: number) => V): Map<number, V> {
  const out = new Map<number, V>();
  entries.forEach((e, i) => {
    if (out.has(e.id)) throw new SamlabelError('ImportError', `${file}: ${what} id ${e.id} appears more than once (${what === 'category' ? 'categories' : 'images'}.${i})`);
    out.set(e.id, make(e, i));
  });
  return out;
}

/**
 * file_name is relative to the JSON (samlabel, Roboflow) or to an images/ folder beside it (CVAT); the project
 * path drops a leading `images/`, the folder samlabel puts them in. Nothing is read here: COCO gives the sizes.
 */
function locateImage(root: string, fileName: string): { path: string; relPath: string } {
  const candidates = [join(root, fileName), join(root, 'images', fileName), join(root, '..', 'images', fileName)];
  const path = candidates.find((c) => existsSync(c)) ?? candidates[0];
  return { path, relPath: fileName.replace(/^(\.\/)?images\//, '') };
}

/**
 * Polygons rasterise as pycocotools does, clipped to the image; RLE (compressed or not) is taken as is after its
 * size and counts are checked. Null (reported) for a shape without area or with unusable coordinates.
 */
function segmentationRle(builder: DatasetBuilder, seg: Segmentation | null | undefined, image: ImageEntry, origin: Origin): UncompressedRle | CompressedRle | null {
  const { height: h, width: w } = image;
  const where = `${origin.file}: ${origin.item}`;
  if (seg === null || seg === undefined || (Array.isArray(seg) && seg.length === 0)) {
    builder.skipAnnotation(image.id, origin, 'degenerate', 'no segmentation (a box-only annotation)');
    return null;
  }
  if (Array.isArray(seg)) {
    const polys = seg.filter((p) => p.length >= 6);
    const problem = polys.length === 0 ? 'no polygon has three vertices' : coordinateProblem(polys.flat(), w, h);
    if (problem !== null) {
      builder.skipAnnotation(image.id, origin, polys.length === 0 ? 'degenerate' : 'bad-geometry', problem);
      return null;
    }
    try {
      return polygonsToRle(polys, h, w);
    } catch (err) {
      if (!isSamlabelError(err, 'BadInput')) throw err;
      builder.skipAnnotation(image.id, origin, 'bad-geometry', err.message);
      return null;
    }
  }
  if (seg.size[0] !== h || seg.size[1] !== w) {
    throw new SamlabelError('ImportError', `${where}: RLE size ${seg.size.join('×')} is not the image's ${h}×${w} (height×width)`);
  }
  checkCounts(seg.counts, h, w, where);
  return typeof seg.counts === 'string' ? { size: [h, w], counts: seg.counts } : { size: [h, w], counts: seg.counts };
}

function checkCounts(counts: string | number[], h: number, w: number, where: string): void {
  let decoded: number[];
  try {
    decoded = typeof counts === 'string' ? decompressCounts(counts) : counts;
  } catch (err) {
    throw new SamlabelError('ImportError', `${where}: RLE counts: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (decoded.reduce((s, c) => s + c, 0) !== h * w) throw new SamlabelError('ImportError', `${where}: RLE counts do not add up to ${h}×${w}`);
}
