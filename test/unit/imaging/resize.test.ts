import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../main/imaging/decodeImage.js';
import { resizeBilinearPil } from '../../../main/imaging/pilBilinear.js';
import { resizeRgb } from '../../../main/imaging/resizeRgb.js';
import { getPreprocessShape } from '../../../shared/sam/resizeLongestSide.js';
import { fromRaw, makeRgb, noise } from './helpers.js';

const grey = (values: number[]) => Uint8Array.from(values.flatMap((v) => [v, v, v]));

describe('decodeRgb with longestSide: exactly getPreprocessShape', () => {
  it.each([
    [333, 500, 682, 1024],
    [500, 333, 1024, 682],
    [1, 1000, 1, 1024],
    [1000, 1, 1024, 1],
    [3000, 4000, 768, 1024],
    [4000, 3000, 1024, 768],
    [1023, 7, 1024, 7],
  ])('%i×%i (W×H) becomes %i×%i', async (w, h, expectedW, expectedH) => {
    expect(getPreprocessShape({ height: h, width: w }, 1024)).toEqual({ height: expectedH, width: expectedW });
    const bytes = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 10, g: 120, b: 240 } } }).png().toBuffer();
    const { image, origSize } = await decodeRgb(bytes, { longestSide: 1024 });
    expect(origSize).toEqual({ height: h, width: w });
    expect([image.width, image.height]).toEqual([expectedW, expectedH]);
    expect(image.data.length).toBe(expectedW * expectedH * 3);
    // A flat colour stays flat through any sane resampler: catches band or stride mix-ups.
    expect([...image.data.subarray(image.data.length - 3)]).toEqual([10, 120, 240]);
  });

  it('leaves an image whose longest side is already 1024 untouched', async () => {
    const src = { width: 1024, height: 5, data: noise(1024 * 5 * 3, 4) };
    const { image } = await decodeRgb(await fromRaw(src).png().toBuffer(), { longestSide: 1024 });
    expect(Buffer.from(image.data).equals(Buffer.from(src.data))).toBe(true);
  });
});

describe('resizeBilinearPil: Pillow BILINEAR bit for bit (goldens from Pillow 12.3 Image.resize)', () => {
  it('upsamples centre-aligned: 4×1 → 8×1', () => {
    const out = resizeBilinearPil({ width: 4, height: 1, data: grey([0, 100, 200, 255]) }, { height: 1, width: 8 });
    expect([...out.data]).toEqual([...grey([0, 25, 75, 125, 175, 214, 241, 255])]);
  });

  it('downsamples with the widened (antialiased) triangle: 5×1 → 2×1', () => {
    const data = Uint8Array.from([0, 50, 100, 150, 250].flatMap((v) => [v, 0, 255 - v]));
    const out = resizeBilinearPil({ width: 5, height: 1, data }, { height: 1, width: 2 });
    expect([...out.data]).toEqual([50, 0, 205, 166, 0, 89]);
  });

  it('runs the horizontal pass first, rounding in between: 3×2 → 7×5', () => {
    const src = makeRgb(3, 2, (x, y) => [40 * x + 100 * y, 255 - 40 * x - 100 * y, 17]);
    const out = resizeBilinearPil(src, { height: 5, width: 7 });
    const red = Array.from({ length: 35 }, (_, i) => out.data[i * 3]);
    expect(red).toEqual([
      0, 6, 23, 40, 57, 74, 80, 10, 16, 33, 50, 67, 84, 90, 50, 56, 73, 90, 107, 124, 130,
      90, 96, 113, 130, 147, 164, 170, 100, 106, 123, 140, 157, 174, 180,
    ]);
    expect(out.data.every((v, i) => i % 3 !== 2 || v === 17)).toBe(true);
  });
});

describe('which resampler decodeRgb uses', () => {
  it('upscales (images under 1024 px) with the exact Pillow port', async () => {
    const src = { width: 64, height: 48, data: noise(64 * 48 * 3, 21) };
    const { image } = await decodeRgb(await fromRaw(src).png().toBuffer(), { longestSide: 100 });
    const expected = resizeBilinearPil(src, { height: 75, width: 100 });
    expect(Buffer.from(image.data).equals(Buffer.from(expected.data))).toBe(true);
  });

  it('downscales with libvips linear, within a fraction of a grey level of Pillow on average', async () => {
    // Thresholds from measurements: linear ≈ 0.3 mean here, cubic ≈ 0.8, lanczos3 ≈ 1.2, nearest ≈ 3.
    const src = makeRgb(600, 400, (x, y) => [(x * 7 + y * 3) % 256, (x * y) % 256, 128 + Math.round(100 * Math.sin(x / 9 + y / 13))]);
    const { image } = await decodeRgb(await fromRaw(src).png().toBuffer(), { longestSide: 256 });
    const pil = resizeBilinearPil(src, { height: 171, width: 256 });
    let sum = 0;
    for (let i = 0; i < pil.data.length; i++) sum += Math.abs(pil.data[i] - image.data[i]);
    expect(sum / pil.data.length).toBeLessThan(0.5);
  });

  it('gives the same pixels whether or not the file has an (opaque) alpha channel', async () => {
    const src = { width: 300, height: 200, data: noise(300 * 200 * 3, 8) };
    const rgba = await fromRaw(src).ensureAlpha(1).png().toBuffer();
    expect((await sharp(rgba).metadata()).hasAlpha).toBe(true);
    const a = await decodeRgb(await fromRaw(src).png().toBuffer(), { longestSide: 128 });
    const b = await decodeRgb(rgba, { longestSide: 128 });
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
  });

  it('resizes a JPEG from its fully decoded pixels (no DCT shrink-on-load), like every other path', async () => {
    const src = makeRgb(800, 600, (x, y) => [(x * 5 + y) % 256, (x ^ y) % 256, (y * 3) % 256]);
    const jpeg = await fromRaw(src).jpeg({ quality: 90 }).toBuffer();
    const full = await decodeRgb(jpeg);
    const direct = await decodeRgb(jpeg, { longestSide: 200 });
    const twoStep = await resizeRgb(full.image, { height: 150, width: 200 });
    expect(Buffer.from(direct.image.data).equals(Buffer.from(twoStep.data))).toBe(true);
  });
});
