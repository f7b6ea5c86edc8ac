import { SamlabelError } from '../../../shared/errors.js';
import { DEFAULT_PIXEL_LIMIT } from '../../imaging/pixelLimit.js';

/**
 * What an import reads at most (docs/IMPORTS.md): hostile or broken files end in a typed error or a reported skip,
 * never in unbounded memory or time. Sizes are checked on the file before it is read, and every number that sizes
 * an allocation (image sizes, label values, mask patches) is checked before the allocation.
 */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** YOLO label files, data.yaml, VOC ImageSets and labelmap.txt. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/** A mask PNG (instances, VOC class/object masks) as stored; its pixels are capped by MAX_IMAGE_PIXELS. */
export const MAX_MASK_BYTES = 256 * 1024 * 1024;
/** An image read whole to learn its size (when its header is not in its first 512 KiB). */
export const MAX_IMAGE_BYTES = 1024 * 1024 * 1024;
/** Images and masks: sharp's default pixel limit, as everywhere else in samlabel. */
export const MAX_IMAGE_PIXELS = DEFAULT_PIXEL_LIMIT;
/** A vertex farther from the image than this many times its longest side is a broken file, not a clipped shape. */
export const MAX_COORD_FACTOR = 100;
/** Files and folders a folder walk (labelme, YOLO image folders) visits before giving up. */
export const MAX_WALK_ENTRIES = 2_000_000;
/** Instance values of the 16-bit instance PNGs. */
export const MAX_LABEL_VALUE = 65535;

/** Width and height that may size a mask: positive integers within the pixel limit. */
export function checkImageSize(width: unknown, height: unknown, where: string): { width: number; height: number } {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (!ok(width) || !ok(height)) throw new SamlabelError('ImportError', `${where}: image size ${String(width)}×${String(height)} is not two positive integers`);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new SamlabelError('ImportError', `${where}: image size ${width}×${height} is over the ${MAX_IMAGE_PIXELS}-pixel limit`);
  }
  return { width, height };
}

/** Null when every coordinate is finite and near the image (MAX_COORD_FACTOR), else why not. */
export function coordinateProblem(values: ArrayLike<number>, width: number, height: number): string | null {
  const reach = MAX_COORD_FACTOR * Math.max(width, height);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) return `coordinate ${String(v)} is not a finite number`;
    if (Math.abs(v) > reach) return `coordinate ${v} is more than ${MAX_COORD_FACTOR}× the image size away`;
  }
  return null;
}

/** Why a shape came out empty: it lies wholly beyond one edge of the image, or it has no area. */
export function emptyReason(values: ArrayLike<number>, width: number, height: number): 'outside-image' | 'degenerate' {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < values.length; i += 2) {
    minX = Math.min(minX, values[i]);
    maxX = Math.max(maxX, values[i]);
    minY = Math.min(minY, values[i + 1]);
    maxY = Math.max(maxY, values[i + 1]);
  }
  return maxX <= 0 || maxY <= 0 || minX >= width || minY >= height ? 'outside-image' : 'degenerate';
}
