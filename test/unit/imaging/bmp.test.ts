import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { probeImage } from '../../../main/imaging/probeImage.js';
import { writeBmp } from './bmpWriter.js';
import { expectImageError, makeRgb, noise, pixel } from './helpers.js';

/**
 * The 2×2 24-bit example from Wikipedia's "BMP file format" article, byte for byte: an independent
 * check of row order and BGR byte order that our own writer cannot share a mistake with.
 * Rows are stored bottom-up: red, white; then blue, green.
 */
const WIKIPEDIA_2X2 = Uint8Array.from([
  0x42, 0x4d, 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0x18, 0,
  0, 0, 0, 0, 0x10, 0, 0, 0, 0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00,
]);

const src = { width: 5, height: 3, data: noise(5 * 3 * 3, 3) }; // 5 px wide: rows need padding

describe('BMP decoding (sharp has no BMP loader, so ours)', () => {
  it('decodes the reference 2×2 bitmap: top-left blue, top-right green, bottom-left red, bottom-right white', async () => {
    const { image, origSize } = await decodeRgb(WIKIPEDIA_2X2);
    expect(origSize).toEqual({ height: 2, width: 2 });
    expect([pixel(image, 0, 0), pixel(image, 1, 0), pixel(image, 0, 1), pixel(image, 1, 1)]).toEqual([
      [0, 0, 255], [0, 255, 0], [255, 0, 0], [255, 255, 255],
    ]);
  });

  it.each([
    ['24-bit bottom-up', { bitsPerPixel: 24 }],
    ['24-bit top-down', { bitsPerPixel: 24, topDown: true }],
    ['32-bit BI_RGB (the 4th byte is not alpha)', { bitsPerPixel: 32, alpha: 0 }],
    ['32-bit BI_BITFIELDS with alpha, top-down', { bitsPerPixel: 32, bitfields: true, alpha: 7, topDown: true }],
  ] as const)('decodes %s exactly, row padding included', async (_name, opts) => {
    const bytes = writeBmp(src, opts);
    const { image } = await decodeRgb(bytes);
    expect([image.width, image.height]).toEqual([5, 3]);
    expect(Buffer.from(image.data).equals(Buffer.from(src.data))).toBe(true);
    const probe = await probeImage(bytes);
    expect(probe).toMatchObject({ width: 5, height: 3, orientation: 1, format: 'bmp', depth: 'uchar' });
    expect(probe.hasAlpha).toBe('bitfields' in opts);
  });

  it('resizes a BMP like any other format (up and down)', async () => {
    const up = await decodeRgb(writeBmp(src), { longestSide: 10 });
    expect([up.image.width, up.image.height]).toEqual([10, 6]);
    const big = makeRgb(40, 20, (x) => (x < 20 ? [200, 10, 10] : [10, 10, 200]));
    const down = await decodeRgb(writeBmp(big), { longestSide: 10 });
    expect([down.image.width, down.image.height]).toEqual([10, 5]);
    expect(pixel(down.image, 1, 2)).toEqual([200, 10, 10]);
    expect(pixel(down.image, 8, 2)).toEqual([10, 10, 200]);
  });

  it('decodes an 8-bit palette BMP through its colour table (grey masks such as GrabCut\'s)', async () => {
    const bytes = writeBmp(src, { bitsPerPixel: 8 });
    // A colour table that is not the identity: index i is (i, 255 - i, 7), stored B, G, R, 0.
    for (let i = 0; i < 256; i++) bytes.set([7, 255 - i, i, 0], 54 + i * 4);
    const { image } = await decodeRgb(bytes, { source: 'mask.bmp' });
    const r = src.data[(1 * 5 + 3) * 3];
    expect(pixel(image, 3, 1)).toEqual([r, 255 - r, 7]);
  });

  it('refuses compressed palette BMPs (RLE) as ImageUnsupported, saying what to do', async () => {
    const bytes = writeBmp(src, { bitsPerPixel: 8 });
    new DataView(bytes.buffer).setUint32(30, 1, true); // BI_RLE8
    await expectImageError(decodeRgb(bytes, { source: 'scan.bmp' }), 'ImageUnsupported', 'scan.bmp', '8-bit compressed', 'convert it to PNG');
  });

  it('refuses a BMP cut in half or inside its header as ImageTruncated', async () => {
    const bytes = writeBmp(makeRgb(30, 20, () => [1, 2, 3]));
    await expectImageError(decodeRgb(bytes.subarray(0, bytes.length >> 1), { source: 'half.bmp' }), 'ImageTruncated', 'half.bmp');
    await expectImageError(probeImage(bytes.subarray(0, 30), { source: 'head.bmp' }), 'ImageTruncated', 'head.bmp');
  });

  it('checks the pixel limit from the BMP header before reading rows', async () => {
    const bytes = writeBmp(makeRgb(30, 20, () => [1, 2, 3])).subarray(0, 60); // no pixel data at all
    await expectImageError(decodeRgb(bytes, { limitInputPixels: 100, source: 'x.bmp' }), 'ImageTooLarge', 'x.bmp', '--max-pixels');
  });
});
