import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { probeImage } from '../../../main/imaging/probeImage.js';
import { fromRaw, makeRgb, pixel, type Rgb } from './helpers.js';
import sharp, { type Sharp } from 'sharp';

const GREY = [128, 128, 128] as const;
const RED = [255, 0, 0] as const;
const GREEN = [0, 255, 0] as const;

/**
 * What the user sees: grey, a red block in the top-left corner (wider than tall) and a green block in
 * the top-right corner. No two of the 8 orientations map it onto itself, and the image is not square.
 */
function displayed(width: number, height: number, block: number): Rgb {
  return makeRgb(width, height, (x, y) => {
    if (x < block * 1.5 && y < block) return RED;
    if (x >= width - block && y < block) return GREEN;
    return GREY;
  });
}

/** Stored (sx, sy) of displayed (x, y) for EXIF orientation n (TIFF 6.0 tag 274 semantics). */
function storedCoord(n: number, x: number, y: number, ws: number, hs: number): [number, number] {
  const table: Record<number, [number, number]> = {
    1: [x, y], 2: [ws - 1 - x, y], 3: [ws - 1 - x, hs - 1 - y], 4: [x, hs - 1 - y],
    5: [y, x], 6: [y, hs - 1 - x], 7: [ws - 1 - y, hs - 1 - x], 8: [ws - 1 - y, x],
  };
  return table[n];
}

/** The pixels to store so that a viewer applying orientation n shows `view`. */
function stored(view: Rgb, n: number): Rgb {
  const [ws, hs] = n >= 5 ? [view.height, view.width] : [view.width, view.height];
  const out = new Uint8Array(view.data.length);
  for (let y = 0; y < view.height; y++) {
    for (let x = 0; x < view.width; x++) {
      const [sx, sy] = storedCoord(n, x, y, ws, hs);
      out.set(pixel(view, x, y), (sy * ws + sx) * 3);
    }
  }
  return { width: ws, height: hs, data: out };
}

const ENCODERS = {
  png: (s: Sharp) => s.png(),
  tiff: (s: Sharp) => s.tiff({ compression: 'lzw' }),
  webp: (s: Sharp) => s.webp({ lossless: true }),
  jpeg: (s: Sharp) => s.jpeg({ quality: 95 }),
};

async function encodeOriented(view: Rgb, n: number, format: keyof typeof ENCODERS): Promise<Uint8Array> {
  const bytes = await ENCODERS[format](fromRaw(stored(view, n)).withMetadata({ orientation: n })).toBuffer();
  // Guard the test itself: the file must carry the tag, or every case would pass as orientation 1.
  expect((await sharp(bytes).metadata()).orientation).toBe(n);
  return bytes;
}

const ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8];

describe.each(['png', 'tiff', 'webp'] as const)('EXIF orientation, lossless %s', (format) => {
  it.each(ORIENTATIONS)('orientation %i decodes to exactly what the user sees', async (n) => {
    const view = displayed(12, 8, 2);
    const bytes = await encodeOriented(view, n, format);
    const { image, origSize } = await decodeRgb(bytes);
    expect(origSize).toEqual({ height: 8, width: 12 });
    expect({ width: image.width, height: image.height }).toEqual({ width: 12, height: 8 });
    expect(Buffer.from(image.data).equals(Buffer.from(view.data))).toBe(true);
    expect(await probeImage(bytes)).toMatchObject({ width: 12, height: 8, orientation: n, format });
  });
});

function expectClose(actual: number[], expected: readonly number[], tolerance: number): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance));
}

describe('EXIF orientation, JPEG', () => {
  it.each(ORIENTATIONS)('orientation %i puts the red marker top-left and swaps W/H for 5-8', async (n) => {
    const view = displayed(96, 64, 16);
    const bytes = await encodeOriented(view, n, 'jpeg');
    const probe = await probeImage(bytes);
    expect(probe).toMatchObject({ width: 96, height: 64, orientation: n, format: 'jpeg' });
    const storedMeta = await sharp(bytes).metadata();
    expect([storedMeta.width, storedMeta.height]).toEqual(n >= 5 ? [64, 96] : [96, 64]);

    const { image } = await decodeRgb(bytes);
    expect([image.width, image.height]).toEqual([96, 64]);
    expectClose(pixel(image, 10, 8), RED, 12);
    expectClose(pixel(image, 88, 8), GREEN, 12);
    expectClose(pixel(image, 8, 56), GREY, 12);
    expectClose(pixel(image, 88, 56), GREY, 12);
  });

  it('resizes in the oriented frame (longestSide applies to what the user sees)', async () => {
    const view = displayed(96, 64, 16);
    const { image, origSize } = await decodeRgb(await encodeOriented(view, 6, 'jpeg'), { longestSide: 48 });
    expect(origSize).toEqual({ height: 64, width: 96 });
    expect([image.width, image.height]).toEqual([48, 32]);
    expectClose(pixel(image, 5, 4), RED, 16);
    expectClose(pixel(image, 44, 4), GREEN, 16);
  });
});
