import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, parse } from 'node:path';
import type { Dataset } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { decodePaletteIndices } from '../eval/pngIndices.js';
import { VOC_VOID } from '../export/voc.js';
import { DatasetBuilder, type ReadOptions } from './builder.js';
import { labelImageToRles, majorityClass } from './labelRle.js';
import { requireExists } from './sources.js';

/** The 20 VOC classes, for a VOC folder without labelmap.txt (index 0 is background). */
const VOC_CLASSES = [
  'background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
  'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor',
];

/**
 * Pascal VOC segmentation: ids from ImageSets/Segmentation/*.txt (else every SegmentationObject PNG), objects from
 * SegmentationObject, each object's class the most frequent SegmentationClass value under it (255 void ignored,
 * so a void border is lost). Without SegmentationObject, each class of an image is one instance. Class names from
 * labelmap.txt (CVAT's `name:r,g,b::` lines) or VOC's own 20. Project paths: samlabel's `a__b` ids become `a/b`.
 */
export async function readVoc(root: string, options: ReadOptions = {}): Promise<Dataset> {
  requireExists(join(root, 'SegmentationClass'), 'VOC SegmentationClass folder');
  const names = await classNames(root);
  const builder = new DatasetBuilder(options);
  names.slice(1).forEach((name) => builder.category(name));
  const images = await listFiles(join(root, 'JPEGImages'));
  for (const id of await imageIds(root)) {
    const file = images.get(id);
    if (file === undefined) throw new SamlabelError('ImportError', `VOC image ${id} is not in ${join(root, 'JPEGImages')}`);
    const classes = await readIndices(join(root, 'SegmentationClass', `${id}.png`));
    const objectsPath = join(root, 'SegmentationObject', `${id}.png`);
    const objects = existsSync(objectsPath) ? await readIndices(objectsPath) : classes;
    const imageId = builder.addImage(id.split('__').join('/') + parse(file).ext, join(root, 'JPEGImages', file), classes.width, classes.height);
    let n = 0;
    for (const v of objects.indices) if (v !== VOC_VOID && v > n) n = v;
    const classOf = majorityClass(objects.indices, classes.indices, n, VOC_VOID);
    const rles = labelImageToRles(objects.indices, objects.width, objects.height, n);
    rles.forEach((rle, i) => {
      const cls = classOf[i + 1];
      if (cls === 0 && options.keepEmpty !== true) return;
      builder.addAnnotation(imageId, builder.category(names[cls] ?? `class${cls}`), rle);
    });
  }
  return builder.build();
}

async function readIndices(path: string): Promise<{ width: number; height: number; indices: Uint8Array }> {
  requireExists(path, 'VOC mask');
  return decodePaletteIndices(await readFile(path));
}

async function classNames(root: string): Promise<string[]> {
  const labelmap = join(root, 'labelmap.txt');
  if (!existsSync(labelmap)) return VOC_CLASSES;
  const lines = (await readFile(labelmap, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.map((l) => l.split(':')[0]);
}

async function imageIds(root: string): Promise<string[]> {
  const sets = join(root, 'ImageSets', 'Segmentation');
  if (!existsSync(sets)) return [...(await listFiles(join(root, 'SegmentationClass'))).keys()];
  const ids = new Set<string>();
  for (const f of (await readdir(sets)).filter((n) => n.endsWith('.txt')).sort()) {
    for (const line of (await readFile(join(sets, f), 'utf8')).split(/\r?\n/)) if (line.trim() !== '') ids.add(line.trim());
  }
  return [...ids];
}

/** File stem → file name in a folder. */
async function listFiles(dir: string): Promise<Map<string, string>> {
  requireExists(dir, 'VOC folder');
  const names = (await readdir(dir)).sort();
  return new Map(names.map((n) => [parse(n).name, n]));
}
