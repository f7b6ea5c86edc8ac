/**
 * Image bytes for the editor and the gallery, by image id (the Electron protocol and the serve routes
 * both call this; neither ever takes a path from the page). The displayed pixels must be the engine's
 * pixels, so anything the browser would not show exactly as main/imaging decodes it (EXIF-rotated,
 * 16-bit, CMYK, alpha, TIFF, BMP) is decoded by main/imaging's decodeRgb — the engine's own decoder —
 * and sent as PNG; a plain upright 8-bit RGB/grey JPEG, PNG or WebP goes as it is on disk.
 * Transcodes and 256 px JPEG thumbnails are cached in the project's `.samlabel/thumbs/`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { SamlabelError } from '../../../shared/errors.js';
import { decodeRgb } from '../../imaging/decodeImage.js';
import { probeImage, type ImageProbe } from '../../imaging/probeImage.js';
import { readImageBytes } from '../../imaging/readImage.js';
import type { RgbImage } from '../../imaging/rgbImage.js';
import type { ImageLocation } from '../store/storeService.js';

export interface ImageBytes {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export const THUMB_SIZE = 256;

const AS_IS: Partial<Record<ImageProbe['format'], string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Would a browser show these bytes exactly as decodeRgb sees them? */
function browserSafe(probe: ImageProbe): string | undefined {
  const plain = probe.orientation === 1 && probe.depth === 'uchar' && !probe.hasAlpha && (probe.channels === 3 || probe.channels === 1);
  return plain ? AS_IS[probe.format] : undefined;
}

const filePath = (loc: ImageLocation): string => join(loc.folder, ...loc.relPath.split('/'));

async function readSource(loc: ImageLocation): Promise<Uint8Array> {
  if (loc.status === 'missing') throw new SamlabelError('ImageNotFound', `${loc.relPath} is missing from the folder`);
  return readImageBytes(filePath(loc));
}

const rawPipeline = (rgb: RgbImage) => sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } });

/** Cached by content hash: a changed file (new sha256) gets new entries, never a stale one. */
async function cached(dir: string, name: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const path = join(dir, name);
  try {
    return await readFile(path);
  } catch {
    const bytes = await make();
    try {
      await mkdir(dir, { recursive: true });
      // Unique per call: two requests for one new thumbnail may race; the loser's rename simply replaces.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    } catch {
      // A read-only project still shows its images; it only re-encodes them each time.
    }
    return bytes;
  }
}

export async function displayImage(loc: ImageLocation): Promise<ImageBytes> {
  const bytes = await readSource(loc);
  const probe = await probeImage(bytes, { source: loc.relPath });
  const type = browserSafe(probe);
  if (type) return { bytes, contentType: type };
  const png = await cached(loc.thumbsDir, `${loc.sha256}-full.png`, async () => {
    const { image } = await decodeRgb(bytes, { source: loc.relPath });
    return rawPipeline(image).png({ compressionLevel: 1 }).toBuffer();
  });
  return { bytes: png, contentType: 'image/png' };
}

export async function thumbnail(loc: ImageLocation): Promise<ImageBytes> {
  const jpeg = await cached(loc.thumbsDir, `${loc.sha256}-${THUMB_SIZE}.jpg`, async () => {
    const { image } = await decodeRgb(await readSource(loc), { source: loc.relPath, longestSide: THUMB_SIZE });
    return rawPipeline(image).jpeg({ quality: 80 }).toBuffer();
  });
  return { bytes: jpeg, contentType: 'image/jpeg' };
}
