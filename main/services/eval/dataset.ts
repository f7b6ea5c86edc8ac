import { readdir } from 'node:fs/promises';
import { extname, basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { decodeRgb } from '../../imaging/decodeImage.js';
import { readImageBytes } from '../../imaging/readImage.js';
import { groundTruthFromGrey, groundTruthFromIndices, type GroundTruth } from './groundTruth.js';
import { decodePaletteIndices, isPalettePng } from './pngIndices.js';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff']);
const MASK_EXTENSIONS = new Set(['.png', '.bmp', '.tif', '.tiff']);

export interface EvalPair {
  /** File stem shared by the image and its mask. */
  readonly name: string;
  readonly imagePath: string;
  readonly maskPath: string;
}

export interface PairedDataset {
  readonly pairs: EvalPair[];
  /** Stems of images with no mask, and of masks with no image: reported, not evaluated. */
  readonly unpairedImages: string[];
  readonly unpairedMasks: string[];
}

/** Pairs images with masks by file stem (`dog.jpg` ↔ `dog.png`), sorted by name so runs are reproducible. */
export async function pairByStem(imagesDir: string, masksDir: string): Promise<PairedDataset> {
  const images = await filesByStem(imagesDir, IMAGE_EXTENSIONS);
  const masks = await filesByStem(masksDir, MASK_EXTENSIONS);
  const pairs: EvalPair[] = [];
  for (const [name, imagePath] of images) {
    const maskPath = masks.get(name);
    if (maskPath !== undefined) pairs.push({ name, imagePath, maskPath });
  }
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    pairs,
    unpairedImages: [...images.keys()].filter((k) => !masks.has(k)).sort(),
    unpairedMasks: [...masks.keys()].filter((k) => !images.has(k)).sort(),
  };
}

async function filesByStem(dir: string, extensions: Set<string>): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new SamlabelError('ImageNotFound', `cannot read folder ${dir}`);
  });
  const out = new Map<string, string>();
  for (const e of entries) {
    const ext = extname(e.name).toLowerCase();
    if (!e.isFile() || !extensions.has(ext)) continue;
    const stem = basename(e.name, extname(e.name));
    if (out.has(stem)) throw new SamlabelError('BadInput', `two files with stem "${stem}" in ${dir}`);
    out.set(stem, join(dir, e.name));
  }
  return out;
}

/**
 * Loads a mask file: palette PNGs by index (non-zero = object); anything else the image reader
 * decodes (PNG, BMP as the GrabCut set ships them, TIFF, WebP, JPEG) as 0/255 grey with 128 = ignore.
 * Every failure is a typed error naming the mask file.
 */
export async function loadGroundTruth(path: string): Promise<GroundTruth> {
  const source = `mask ${path}`;
  const bytes = await readImageBytes(path);
  if (isPalettePng(bytes)) {
    const { width, height, indices } = naming(source, () => decodePaletteIndices(bytes, source));
    return groundTruthFromIndices(indices, width, height);
  }
  const { image } = await decodeRgb(bytes, { source });
  return groundTruthFromGrey(lumaOf(image.data), image.width, image.height);
}

/** The raw PNG reader's messages do not know the file: add it, keeping the code. */
function naming<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SamlabelError && !err.message.includes(source)) throw new SamlabelError(err.code, `${source}: ${err.message}`);
    throw err;
  }
}

/** ITU-R 601 luma, what a grey conversion of a colour mask gives (a grey mask passes unchanged). */
function lumaOf(rgb: Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgb.length / 3);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) grey[i] = Math.round(0.299 * rgb[j] + 0.587 * rgb[j + 1] + 0.114 * rgb[j + 2]);
  return grey;
}
