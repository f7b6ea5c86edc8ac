import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { encodeRle } from '../../../shared/masks/rle.js';
import { writeOverlay } from '../../../main/services/overlay/overlay.js';
import { maskColor } from '../../../main/services/overlay/palette.js';
import { tempDir } from '../../helpers/engineHarness.js';

const W = 6;
const H = 4;

async function greyImage(path: string): Promise<void> {
  await sharp(Buffer.alloc(W * H * 3, 100), { raw: { width: W, height: H, channels: 3 } }).png().toFile(path);
}

function maskOf(pixels: Array<[number, number]>) {
  const data = new Uint8Array(W * H);
  for (const [x, y] of pixels) data[y * W + x] = 1;
  return { width: W, height: H, data };
}

async function pixel(path: string, x: number, y: number): Promise<number[]> {
  const { data } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return Array.from(data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3));
}

describe('overlay (MaskAnnotator-style)', () => {
  it('blends each mask at opacity 0.5 in its own colour, leaving other pixels alone', async () => {
    const dir = tempDir('overlay');
    await greyImage(join(dir, 'img.png'));
    const big = maskOf([[0, 0], [1, 0], [0, 1], [1, 1]]);
    const small = maskOf([[4, 2]]);
    await writeOverlay(join(dir, 'img.png'), [{ mask: encodeRle(big) }, { mask: small }], join(dir, 'out.png'));
    const blend = (c: number[]) => c.map((v) => Math.round(v * 0.5 + 100 * 0.5));
    expect(await pixel(join(dir, 'out.png'), 1, 1)).toEqual(blend(maskColor(0)));
    expect(await pixel(join(dir, 'out.png'), 4, 2)).toEqual(blend(maskColor(1)));
    expect(await pixel(join(dir, 'out.png'), 3, 3)).toEqual([100, 100, 100]);
    expect(maskColor(0)).not.toEqual(maskColor(1));
  });

  it('draws the outline in the solid colour, the inside still blended', async () => {
    const dir = tempDir('overlay-outline');
    await greyImage(join(dir, 'img.png'));
    const block = maskOf([0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => [x + 1, y] as [number, number])));
    await writeOverlay(join(dir, 'img.png'), [{ mask: block }], join(dir, 'out.png'), { outline: true });
    expect(await pixel(join(dir, 'out.png'), 1, 0)).toEqual(maskColor(0));
    expect(await pixel(join(dir, 'out.png'), 2, 1)).toEqual(maskColor(0).map((v) => Math.round(v * 0.5 + 50)));
  });

  it('refuses a mask of another size', async () => {
    const dir = tempDir('overlay-size');
    await greyImage(join(dir, 'img.png'));
    await expect(writeOverlay(join(dir, 'img.png'), [{ mask: { width: 2, height: 2, data: new Uint8Array(4) } }], join(dir, 'o.png'))).rejects.toThrow(/does not fit/);
  });
});
