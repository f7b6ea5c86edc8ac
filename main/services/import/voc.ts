import { existsSync } from 'node:fs';
import { join, parse } from 'node:path';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { readPngHeader } from '../../imaging/pngRaw.js';
import { decodePaletteIndices } from '../eval/pngIndices.js';
import { VOC_VOID } from '../export/voc.js';
import { DatasetBuilder, type ImportRead, type ReadOptions } from './builder.js';
import { probeImageFile } from './imageFile.js';
import { labelImageToRles, majorityClass } from './labelRle.js';
import { MAX_IMAGE_PIXELS, MAX_MASK_BYTES, MAX_TEXT_BYTES } from './limits.js';
import { listNames, readChecked, readText } from './safeRead.js';
import { requireExists } from './sources.js';

/** The 20 VOC classes, for a VOC folder without labelmap.txt (index 0 is background). */
const VOC_CLASSES = [
  'background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
  'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor',
];

interface Indices {
  readonly width: number;
  readonly height: number;
  readonly indices: Uint8Array;
}

/**
 * Pascal VOC segmentation: ids from ImageSets/Segmentation/*.txt (else every SegmentationClass PNG), objects from
 * SegmentationObject, each object's class the most frequent SegmentationClass value under it (255 void ignored,
 * so a void border is lost). Without SegmentationObject, each class of an image is one instance. Class names from
 * labelmap.txt (CVAT's `name:r,g,b::` lines) or VOC's own 20. Project paths: samlabel's `a__b` ids become `a/b`.
 * An image whose masks are missing, unreadable or of another size than the image is reported and left out.
 */
export async function readVoc(root: string, options: ReadOptions = {}): Promise<ImportRead> {
  requireExists(join(root, 'SegmentationClass'), 'VOC SegmentationClass folder');
  const names = await classNames(root);
  const builder = new DatasetBuilder(options);
  names.slice(1).forEach((name) => builder.category(name));
  const images = await listFiles(join(root, 'JPEGImages'));
  for (const id of await imageIds(root)) {
    const file = images.get(id);
    const relPath = id.split('__').join('/') + (file === undefined ? '' : parse(file).ext);
    try {
      if (file === undefined) throw new SamlabelError('ImportError', `VOC image ${id} is not in ${join(root, 'JPEGImages')}`);
      await addImage(builder, root, id, join(root, 'JPEGImages', file), relPath, names, options);
    } catch (err) {
      if (!isSamlabelError(err)) throw err;
      builder.skipImage(relPath, join(root, 'SegmentationClass', `${id}.png`), 'unreadable', err.message);
    }
  }
  return builder.result();
}

async function addImage(builder: DatasetBuilder, root: string, id: string, imagePath: string, relPath: string, names: string[], options: ReadOptions): Promise<void> {
  const image = await probeImageFile(imagePath, root, options);
  const classPath = join(root, 'SegmentationClass', `${id}.png`);
  const classes = await readIndices(classPath, root);
  const objectsPath = join(root, 'SegmentationObject', `${id}.png`);
  const objects = existsSync(objectsPath) ? await readIndices(objectsPath, root) : classes;
  for (const [mask, path] of [[classes, classPath], [objects, objectsPath]] as const) {
    if (mask.width !== image.width || mask.height !== image.height) {
      return builder.skipImage(relPath, path, 'size-mismatch', `${path} is ${mask.width}×${mask.height}, the image ${imagePath} is ${image.width}×${image.height}`);
    }
  }
  const imageId = builder.addImage(relPath, imagePath, image.width, image.height);
  let n = 0;
  for (const v of objects.indices) if (v !== VOC_VOID && v > n) n = v;
  const classOf = majorityClass(objects.indices, classes.indices, n, VOC_VOID);
  const rles = labelImageToRles(objects.indices, objects.width, objects.height, n);
  rles.forEach((rle, i) => {
    const cls = classOf[i + 1];
    if (cls === 0 && options.keepEmpty !== true) return;
    builder.addAnnotation(imageId, builder.category(names[cls] ?? `class${cls}`), rle, {}, { file: objectsPath, item: `object ${i + 1}` });
  });
}

/** A palette PNG's indices: a regular file inside the dataset, its size checked on the header before inflating. */
async function readIndices(path: string, root: string): Promise<Indices> {
  const bytes = await readChecked(path, { what: 'VOC mask', maxBytes: MAX_MASK_BYTES, root });
  const header = readPngHeader(bytes);
  if (header === null) throw new SamlabelError('ImportError', `${path} is not a PNG`);
  if (header.width * header.height > MAX_IMAGE_PIXELS) throw new SamlabelError('ImportError', `${path} is ${header.width}×${header.height}, over the pixel limit`);
  try {
    return decodePaletteIndices(bytes);
  } catch (err) {
    if (isSamlabelError(err)) throw new SamlabelError('ImportError', `${path}: ${err.message}`);
    throw err;
  }
}

async function classNames(root: string): Promise<string[]> {
  const labelmap = join(root, 'labelmap.txt');
  if (!existsSync(labelmap)) return VOC_CLASSES;
  const text = await readText(labelmap, { what: 'VOC labelmap', maxBytes: MAX_TEXT_BYTES, root });
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.map((l) => l.split(':')[0]);
}

async function imageIds(root: string): Promise<string[]> {
  const sets = join(root, 'ImageSets', 'Segmentation');
  if (!existsSync(sets)) return [...(await listFiles(join(root, 'SegmentationClass'))).keys()];
  const ids = new Set<string>();
  for (const f of (await listNames(sets, 'VOC image sets folder')).filter((n) => n.endsWith('.txt')).sort()) {
    const text = await readText(join(sets, f), { what: 'VOC image set', maxBytes: MAX_TEXT_BYTES, root });
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') ids.add(line.trim());
  }
  return [...ids];
}

/** File stem → file name in a folder. */
async function listFiles(dir: string): Promise<Map<string, string>> {
  requireExists(dir, 'VOC folder');
  const names = (await listNames(dir, 'VOC folder')).sort();
  return new Map(names.map((n) => [parse(n).name, n]));
}
