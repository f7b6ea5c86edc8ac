import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { probeImage } from '../../../main/imaging/probeImage.js';
import { fromRaw, makeRgb, noise, pixel } from './helpers.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('decodeRgb colour conversions to sRGB RGB8', () => {
  it('expands a 1-band greyscale PNG to three equal channels', async () => {
    const grey = new Uint8Array(noise(20 * 10));
    const bytes = await sharp(grey, { raw: { width: 20, height: 10, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    expect(await probeImage(bytes)).toMatchObject({ channels: 1, hasAlpha: false, depth: 'uchar' });
    const { image } = await decodeRgb(bytes);
    expect(image.data.length).toBe(20 * 10 * 3);
    for (let i = 0; i < grey.length; i++) expect([...image.data.subarray(i * 3, i * 3 + 3)]).toEqual([grey[i], grey[i], grey[i]]);
  });

  it.each([
    ['without a profile', false],
    ['with an embedded CMYK profile', true],
  ])('converts a CMYK JPEG %s to RGB (3 bands, K kept, not inverted)', async (_name, withProfile) => {
    // Colours inside the CMYK gamut: a saturated sRGB blue would come back dull whatever we do.
    const src = makeRgb(32, 16, (x) => (x < 16 ? [220, 30, 30] : [250, 220, 30]));
    const cmyk = fromRaw(src).toColourspace('cmyk');
    const bytes = await (withProfile ? cmyk.withIccProfile('cmyk') : cmyk).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(bytes).metadata()).space).toBe('cmyk');
    expect(await probeImage(bytes)).toMatchObject({ channels: 4, hasAlpha: false, format: 'jpeg' });
    const { image } = await decodeRgb(bytes);
    expect(image.data.length).toBe(32 * 16 * 3);
    // The round trip goes through colour profiles, so colours are close, not exact.
    const [r1, g1, b1] = pixel(image, 4, 8);
    const [r2, g2, b2] = pixel(image, 28, 8);
    expect(r1).toBeGreaterThan(190);
    expect(Math.max(g1, b1)).toBeLessThan(60);
    expect(Math.min(r2, g2)).toBeGreaterThan(190);
    expect(b2).toBeLessThan(90);
  });

  it('reduces a 16-bit PNG to 8 bits by its high byte, like Pillow', async () => {
    const u16 = new Uint16Array([0xffff, 0, 0x8080, 0x12ff, 0x0101, 0xfe00]);
    const bytes = await sharp(u16, { raw: { width: 2, height: 1, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    expect(await probeImage(bytes)).toMatchObject({ depth: 'ushort', width: 2, height: 1 });
    const { image } = await decodeRgb(bytes);
    expect([...image.data]).toEqual([255, 0, 128, 0x12, 1, 0xfe]);
  });

  it('drops alpha without compositing (PIL convert("RGB")), with and without a resize', async () => {
    // Left half fully transparent but red, right half opaque blue.
    const rgba = new Uint8Array(40 * 20 * 4);
    for (let i = 0; i < 40 * 20; i++) rgba.set(i % 40 < 20 ? [255, 0, 0, 0] : [0, 0, 255, 255], i * 4);
    const bytes = await sharp(rgba, { raw: { width: 40, height: 20, channels: 4 } }).png().toBuffer();
    expect(await probeImage(bytes)).toMatchObject({ hasAlpha: true, channels: 4 });
    const full = await decodeRgb(bytes);
    expect(pixel(full.image, 2, 2)).toEqual([255, 0, 0]);
    expect(pixel(full.image, 38, 2)).toEqual([0, 0, 255]);
    const small = await decodeRgb(bytes, { longestSide: 20 });
    expect([small.image.width, small.image.height]).toEqual([20, 10]);
    expect(pixel(small.image, 2, 2)).toEqual([255, 0, 0]);
    expect(pixel(small.image, 18, 2)).toEqual([0, 0, 255]);
  });

  it('expands a palette PNG (with transparency) to its RGB colours', async () => {
    const colours = [[255, 0, 0], [0, 200, 0], [0, 0, 255], [250, 250, 0]] as const;
    const src = makeRgb(16, 4, (x) => colours[x % 4]);
    const bytes = await fromRaw(src).png({ palette: true, colours: 4, dither: 0 }).toBuffer();
    const meta = await sharp(bytes).metadata();
    expect(meta.isPalette).toBe(true);
    expect((await decodeRgb(bytes)).image.data).toEqual(src.data);

    const rgba = new Uint8Array(16 * 4 * 4);
    for (let i = 0; i < 64; i++) rgba.set([...colours[i % 4], i % 4 === 3 ? 0 : 255], i * 4);
    const transparent = await sharp(rgba, { raw: { width: 16, height: 4, channels: 4 } }).png({ palette: true, colours: 4, dither: 0 }).toBuffer();
    expect((await sharp(transparent).metadata()).isPalette).toBe(true);
    const { image } = await decodeRgb(transparent);
    expect(pixel(image, 0, 0)).toEqual([255, 0, 0]);
    expect(pixel(image, 1, 0)).toEqual([0, 200, 0]);
  });

  it('decodes lossless TIFF, WebP and PNG to the exact source pixels', async () => {
    const src = { width: 31, height: 17, data: noise(31 * 17 * 3, 7) };
    for (const encode of [(s: Sharp) => s.tiff({ compression: 'lzw' }), (s: Sharp) => s.webp({ lossless: true }), (s: Sharp) => s.png()]) {
      const { image, origSize } = await decodeRgb(await encode(fromRaw(src)).toBuffer());
      expect(origSize).toEqual({ height: 17, width: 31 });
      expect(sameBytes(image.data, src.data)).toBe(true);
    }
  });

  it('takes the first frame of an animated WebP and sizes it as one frame', async () => {
    // Three different frames: libwebp merges identical consecutive frames.
    const frames = makeRgb(8, 18, (_x, y) => (y < 6 ? [255, 0, 0] : y < 12 ? [0, 255, 0] : [0, 0, 255]));
    const bytes = await fromRaw(frames).toFormat('webp', { lossless: true }).toBuffer();
    const animated = await sharp(frames.data, { raw: { width: 8, height: 18, channels: 3, pageHeight: 6 } })
      .webp({ lossless: true })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    expect(await probeImage(animated)).toMatchObject({ width: 8, height: 6 });
    const { image } = await decodeRgb(animated);
    expect([image.width, image.height]).toEqual([8, 6]);
    expect(pixel(image, 4, 3)).toEqual([255, 0, 0]);
    expect((await probeImage(bytes)).height).toBe(18);
  });
});
