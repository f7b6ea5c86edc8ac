import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { readPngHeader } from '../../imaging/pngRaw.js';
import { LEGEND_FILE, LEGEND_FORMAT } from '../export/pngMasks.js';
import { DatasetBuilder, type ImportRead, type ReadOptions } from './builder.js';
import { labelImageToRles } from './labelRle.js';
import { checkImageSize, MAX_LABEL_VALUE, MAX_MASK_BYTES } from './limits.js';
import { decodeGrayPng } from './pngGray.js';
import { listDir, readChecked } from './safeRead.js';
import { cleanAttributes, readJsonFile, requireExists } from './sources.js';

const legendSchema = z.object({
  format: z.literal(LEGEND_FORMAT),
  categories: z.array(
    z.object({ value: z.number().int(), name: z.union([z.string(), z.number()]).transform(String), supercategory: z.string().nullish(), color: z.string().nullish() }),
  ),
  images: z.array(
    z.object({
      image: z.string(),
      width: z.number(),
      height: z.number(),
      instances: z.string(),
      objects: z.array(
        z.object({
          value: z.number().int().min(1).max(MAX_LABEL_VALUE),
          category: z.number().int(),
          iscrowd: z.union([z.literal(0), z.literal(1)]).nullish(),
          zOrder: z.number().nullish(),
          score: z.number().nullish(),
          attributes: z.record(z.string(), z.unknown()).nullish(),
        }),
      ),
    }),
  ),
});

type Legend = z.infer<typeof legendSchema>;
type LegendImage = Legend['images'][number];

/**
 * samlabel's PNG masks: a folder with legend.json, or a folder whose subfolders (one per split) have one. The
 * 16-bit instance PNG holds the pixels; the legend gives each value its label and fields. Pixel-exact. Legend and
 * PNGs are read only inside the folder given.
 */
export async function readMasksPng(path: string, options: ReadOptions = {}): Promise<ImportRead> {
  requireExists(path, 'PNG masks folder');
  const builder = new DatasetBuilder(options);
  for (const dir of await legendFolders(path)) {
    const legendPath = join(dir, LEGEND_FILE);
    const legend = await readJsonFile(legendPath, legendSchema, path);
    await addLegend(builder, legend, dir, path, legendPath);
  }
  return builder.result();
}

async function legendFolders(path: string): Promise<string[]> {
  if (existsSync(join(path, LEGEND_FILE))) return [path];
  const subdirs = (await listDir(path, 'PNG masks folder')).filter((e) => e.isDirectory()).map((e) => join(path, e.name));
  const found = subdirs.filter((d) => existsSync(join(d, LEGEND_FILE))).sort();
  if (found.length === 0) throw new SamlabelError('ImportError', `no ${LEGEND_FILE} in ${path} or its subfolders (samlabel PNG masks expected)`);
  return found;
}

async function addLegend(builder: DatasetBuilder, legend: Legend, dir: string, root: string, legendPath: string): Promise<void> {
  const categoryOf = new Map<number, number>();
  legend.categories.forEach((c, i) => {
    if (categoryOf.has(c.value)) throw new SamlabelError('ImportError', `${legendPath}: category value ${c.value} appears more than once (categories.${i})`);
    categoryOf.set(c.value, builder.category(c.name, c.supercategory ?? '', c.color ?? undefined));
  });
  for (const [i, entry] of legend.images.entries()) {
    const { width, height } = checkImageSize(entry.width, entry.height, `${legendPath}: images.${i}`);
    const relPath = entry.image.replace(/^images\//, '');
    const source = join(dir, entry.instances);
    const values = await readInstances(builder, source, root, entry, relPath);
    if (values === null) continue;
    const imageId = builder.addImage(relPath, join(dir, entry.image), width, height);
    const seen = new Set<number>();
    for (const obj of entry.objects) {
      if (seen.has(obj.value)) throw new SamlabelError('ImportError', `${legendPath}: images.${i} lists object value ${obj.value} more than once`);
      seen.add(obj.value);
    }
    const maxValue = entry.objects.reduce((m, o) => Math.max(m, o.value), 0);
    const rles = labelImageToRles(values, width, height, maxValue);
    for (const obj of entry.objects) {
      const origin = { file: source, item: `object ${obj.value}` };
      const category = categoryOf.get(obj.category);
      if (category === undefined) {
        builder.skipAnnotation(imageId, origin, 'unknown-label', `category ${obj.category} is not in the legend's categories`);
        continue;
      }
      const fields = { iscrowd: obj.iscrowd ?? 0, score: obj.score ?? null, attributes: cleanAttributes(obj.attributes), zOrder: obj.zOrder ?? undefined };
      builder.addAnnotation(imageId, category, rles[obj.value - 1], fields, origin);
    }
  }
}

/** The instance PNG's values, or null (reported) when it is unreadable or not the legend's size. */
async function readInstances(builder: DatasetBuilder, source: string, root: string, entry: LegendImage, relPath: string): Promise<Uint16Array | null> {
  try {
    const bytes = await readChecked(source, { what: 'instance mask', maxBytes: MAX_MASK_BYTES, root });
    const header = readPngHeader(bytes);
    if (header !== null && (header.width !== entry.width || header.height !== entry.height)) {
      builder.skipImage(relPath, source, 'size-mismatch', `${source} is ${header.width}×${header.height}, the legend says ${entry.width}×${entry.height}`);
      return null;
    }
    return decodeGrayPng(bytes, source).values;
  } catch (err) {
    if (!isSamlabelError(err)) throw err;
    builder.skipImage(relPath, source, 'unreadable', err.message);
    return null;
  }
}
