/**
 * What the editor is shown must be the engine's pixels: every image the browser could not show exactly
 * as main/imaging decodes it comes back as a PNG of decodeRgb's pixels (so the displayed size is the
 * engine's size and a click lands where the engine thinks it does); plain files go as they are.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { displayImage, thumbnail } from '../../../main/services/app/imageFiles.js';
import type { ImageLocation } from '../../../main/services/store/storeService.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

const root = tempDir('image-files');
const thumbsDir = join(root, '.samlabel', 'thumbs');

function location(relPath: string, status: ImageLocation['status'] = 'new'): ImageLocation {
  return { id: 1, relPath, sha256: `sha-${relPath}`, width: 0, height: 0, status, annotationCount: 0, folder: root, thumbsDir };
}

/** A gradient so orientation and channel mistakes change pixels. */
function gradient(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set([(x * 5) % 256, (y * 7) % 256, (x + y) % 256], (y * width + x) * 3);
  return rgb;
}

/** 24-bit bottom-up BMP (sharp cannot write one). */
function bmp(width: number, height: number, rgb: Buffer): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const o = 54 + (height - 1 - y) * stride + x * 3;
      out[o] = rgb[i + 2];
      out[o + 1] = rgb[i + 1];
      out[o + 2] = rgb[i];
    }
  }
  return out;
}

async function pixelsOf(bytes: Uint8Array): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

describe('display images and thumbnails', () => {
  mkdirSync(root, { recursive: true });
  const raw = { raw: { width: 30, height: 20, channels: 3 as const } };

  it('sends a plain upright 8-bit JPEG as it is on disk', async () => {
    await writeTestImage(join(root, 'plain.jpg'), 30, 20);
    const shown = await displayImage(location('plain.jpg'));
    expect(shown.contentType).toBe('image/jpeg');
    expect(Buffer.from(shown.bytes).equals(readFileSync(join(root, 'plain.jpg')))).toBe(true);
  });

  it.each([
    ['EXIF-rotated JPEG', 'rotated.jpg', () => sharp(gradient(30, 20), raw).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer()],
    ['16-bit PNG', 'deep.png', () => sharp(gradient(30, 20), raw).toColourspace('rgb16').png().toBuffer()],
    ['TIFF', 'scan.tiff', () => sharp(gradient(30, 20), raw).tiff().toBuffer()],
    ['CMYK JPEG', 'print.jpg', () => sharp(gradient(30, 20), raw).toColourspace('cmyk').jpeg().toBuffer()],
    ['PNG with alpha', 'alpha.png', () => sharp(gradient(30, 20), raw).ensureAlpha(0.5).png().toBuffer()],
    ['BMP', 'old.bmp', async () => bmp(30, 20, gradient(30, 20))],
  ])('transcodes a %s to a PNG of exactly the engine’s pixels', async (_what, name, make) => {
    const bytes = await make();
    writeFileSync(join(root, name), bytes);
    const shown = await displayImage(location(name));
    expect(shown.contentType).toBe('image/png');
    const engine = await decodeRgb(bytes);
    const got = await pixelsOf(shown.bytes);
    expect([got.width, got.height]).toEqual([engine.origSize.width, engine.origSize.height]);
    expect(got.data.equals(Buffer.from(engine.image.data))).toBe(true);
  });

  it('makes 256 px JPEG thumbnails, upright, cached under .samlabel/thumbs', async () => {
    await writeTestImage(join(root, 'big.jpg'), 600, 400, { orientation: 8 });
    const thumb = await thumbnail(location('big.jpg'));
    expect(thumb.contentType).toBe('image/jpeg');
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([256, 171]);
    expect(readdirSync(thumbsDir)).toContain('sha-big.jpg-256.jpg');
    expect(readdirSync(thumbsDir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('refuses an image the scan found missing, with a typed error', async () => {
    await expect(displayImage(location('plain.jpg', 'missing'))).rejects.toMatchObject({ code: 'ImageNotFound' });
    await expect(displayImage(location('gone.jpg'))).rejects.toMatchObject({ code: 'ImageNotFound' });
    expect(existsSync(join(root, 'gone.jpg'))).toBe(false);
  });
});
