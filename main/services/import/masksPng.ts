import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Dataset } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { LEGEND_FILE, LEGEND_FORMAT } from '../export/pngMasks.js';
import { DatasetBuilder, type ReadOptions } from './builder.js';
import { labelImageToRles } from './labelRle.js';
import { decodeGrayPng } from './pngGray.js';
import { attributeSchema, readJsonFile, requireExists } from './sources.js';

const legendSchema = z.object({
  format: z.literal(LEGEND_FORMAT),
  categories: z.array(z.object({ value: z.number().int(), name: z.string(), supercategory: z.string().optional(), color: z.string().optional() })),
  images: z.array(
    z.object({
      image: z.string(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      instances: z.string(),
      objects: z.array(
        z.object({
          value: z.number().int().positive(),
          category: z.number().int(),
          iscrowd: z.union([z.literal(0), z.literal(1)]).optional(),
          zOrder: z.number().optional(),
          score: z.number().nullable().optional(),
          attributes: attributeSchema.optional(),
        }),
      ),
    }),
  ),
});

type Legend = z.infer<typeof legendSchema>;

/**
 * samlabel's PNG masks: a folder with legend.json, or a folder whose subfolders (one per split) have one. The
 * 16-bit instance PNG holds the pixels; the legend gives each value its label and fields. Pixel-exact.
 */
export async function readMasksPng(path: string, options: ReadOptions = {}): Promise<Dataset> {
  requireExists(path, 'PNG masks folder');
  const builder = new DatasetBuilder(options);
  for (const dir of await legendFolders(path)) {
    const legend = await readJsonFile(join(dir, LEGEND_FILE), legendSchema);
    await addLegend(builder, legend, dir);
  }
  return builder.build();
}

async function legendFolders(path: string): Promise<string[]> {
  if (existsSync(join(path, LEGEND_FILE))) return [path];
  const subdirs = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(path, e.name));
  const found = subdirs.filter((d) => existsSync(join(d, LEGEND_FILE))).sort();
  if (found.length === 0) throw new SamlabelError('ImportError', `no ${LEGEND_FILE} in ${path} or its subfolders (samlabel PNG masks expected)`);
  return found;
}

async function addLegend(builder: DatasetBuilder, legend: Legend, dir: string): Promise<void> {
  const categoryOf = new Map(legend.categories.map((c) => [c.value, builder.category(c.name, c.supercategory ?? '', c.color)]));
  for (const entry of legend.images) {
    const source = join(dir, entry.instances);
    const png = decodeGrayPng(await readFile(source), source);
    if (png.width !== entry.width || png.height !== entry.height) {
      throw new SamlabelError('ImportError', `${source} is ${png.width}×${png.height}, the legend says ${entry.width}×${entry.height}`);
    }
    const imageId = builder.addImage(entry.image.replace(/^images\//, ''), join(dir, entry.image), entry.width, entry.height);
    const maxValue = entry.objects.reduce((m, o) => Math.max(m, o.value), 0);
    const rles = labelImageToRles(png.values, png.width, png.height, maxValue);
    for (const obj of entry.objects) {
      const category = categoryOf.get(obj.category);
      if (category === undefined) throw new SamlabelError('ImportError', `${source}: object ${obj.value} has unknown category ${obj.category}`);
      builder.addAnnotation(imageId, category, rles[obj.value - 1], { iscrowd: obj.iscrowd, score: obj.score, attributes: obj.attributes, zOrder: obj.zOrder });
    }
  }
}
