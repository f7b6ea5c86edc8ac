import type { Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { probeImage } from '../../../main/imaging/probeImage.js';
import { writeBmp } from './bmpWriter.js';
import { expectImageError, fromRaw, noise } from './helpers.js';

// Noise does not compress: every file is ~ 600 KB, far larger than the head we probe.
const big = { width: 500, height: 400, data: noise(500 * 400 * 3, 17) };
const HEAD = 64 * 1024;

describe('probeImage reads headers only', () => {
  it.each([
    ['JPEG', (s: Sharp) => s.jpeg({ quality: 100 })],
    ['PNG', (s: Sharp) => s.png()],
  ])('sizes a %s from the first 64 KiB of the file', async (_name, encode) => {
    const bytes = await encode(fromRaw(big)).toBuffer();
    expect(bytes.length).toBeGreaterThan(4 * HEAD);
    expect(await probeImage(bytes.subarray(0, HEAD))).toMatchObject({ width: 500, height: 400, hasAlpha: false, channels: 3 });
  });

  it('sizes a BMP from its 54-byte header', async () => {
    expect(await probeImage(writeBmp(big).subarray(0, 54))).toMatchObject({ width: 500, height: 400, format: 'bmp' });
  });

  it.each([
    ['WebP (RIFF length past the end)', (s: Sharp) => s.webp({ lossless: true })],
    ['TIFF (directory written after the pixels)', (s: Sharp) => s.tiff({ compression: 'none' })],
  ])('says ImageTruncated, so a caller can retry with the whole file, for a %s head', async (_name, encode) => {
    const bytes = await encode(fromRaw(big)).toBuffer();
    await expectImageError(probeImage(bytes.subarray(0, HEAD), { source: 'head' }), 'ImageTruncated', 'head');
    expect(await probeImage(bytes)).toMatchObject({ width: 500, height: 400 });
  });
});
