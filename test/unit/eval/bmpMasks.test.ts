import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { loadGroundTruth } from '../../../main/services/eval/dataset.js';
import { evaluatePairs } from '../../../main/services/eval/evaluate.js';
import { DiscPredictor } from './fakePredictors.js';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

/**
 * Issue 11: the GrabCut benchmark ships its masks as 8-bit grey-palette BMPs (0 background, 128 the
 * unknown band, 255 object); `eval` must read them as the image reader does, and name a bad file.
 */
function bmp(width: number, height: number, bits: 8 | 24, pixel: (x: number, y: number) => number): Buffer {
  const stride = Math.ceil((width * bits) / 32) * 4;
  const paletteBytes = bits === 8 ? 256 * 4 : 0;
  const offset = 14 + 40 + paletteBytes;
  const buf = Buffer.alloc(offset + stride * height);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22); // positive: bottom-up rows, as GrabCut's files are
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bits, 28);
  buf.writeUInt32LE(bits === 8 ? 256 : 0, 46);
  for (let i = 0; i < paletteBytes / 4; i++) buf.set([i, i, i, 0], 54 + i * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + stride * (height - 1 - y);
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y);
      if (bits === 8) buf[row + x] = v;
      else buf.set([v, v, v], row + x * 3);
    }
  }
  return buf;
}

/** Object 255 in [10,30)×[5,15), a 128 band one pixel around it, 0 elsewhere. */
const grabcut = (x: number, y: number): number =>
  x >= 10 && x < 30 && y >= 5 && y < 15 ? 255 : x >= 9 && x < 31 && y >= 4 && y < 16 ? 128 : 0;

describe('eval ground truth from BMP masks', () => {
  it.each([8, 24] as const)('reads a %i-bit BMP: 255 object, 128 ignore, 0 background', async (bits) => {
    const file = join(tempDir('bmp-mask'), 'm.bmp');
    await writeFile(file, bmp(41, 21, bits, grabcut));
    const gt = await loadGroundTruth(file);
    expect([gt.width, gt.height]).toEqual([41, 21]);
    expect(gt.object.reduce((a, b) => a + b, 0)).toBe(20 * 10);
    expect(gt.ignore.reduce((a, b) => a + b, 0)).toBe(22 * 12 - 20 * 10);
    expect(gt.object[7 * 41 + 12]).toBe(1);
    expect(gt.ignore[4 * 41 + 9]).toBe(1);
    expect(gt.object[0] + gt.ignore[0]).toBe(0);
  });

  it('names the file when a mask cannot be decoded', async () => {
    const file = join(tempDir('bmp-mask'), 'broken.bmp');
    await writeFile(file, Buffer.from('BM this is not really a bitmap at all, only text'));
    const err = await loadGroundTruth(file).catch((e: unknown) => e);
    expect(isSamlabelError(err)).toBe(true);
    expect((err as Error).message).toContain(file);
  });

  it('samlabel eval scores a GrabCut-style folder (JPEG images, BMP masks)', async () => {
    const root = tempDir('eval-bmp');
    await mkdir(join(root, 'images'));
    await mkdir(join(root, 'masks'));
    await writeTestImage(join(root, 'images', 'cup.jpg'), 41, 21, { red: { x: 10, y: 5, w: 20, h: 10 } });
    await writeFile(join(root, 'masks', 'cup.bmp'), bmp(41, 21, 8, grabcut));
    const run = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--max-clicks', '2', '--json'], {
      SAMLABEL_CACHE_DIR: tempDir('eval-bmp-cache'),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ overall: { images: 1 } });

    await writeFile(join(root, 'masks', 'cup.bmp'), Buffer.from('BM garbage'));
    const bad = runSamlabel(['eval', join(root, 'images'), join(root, 'masks'), '--model', `${tinyModels().encoder},${tinyModels().disc}`], {
      SAMLABEL_CACHE_DIR: tempDir('eval-bmp-cache'),
    });
    expect(bad.status).toBe(1);
    expect(oneLine(bad.stderr)).toContain(join(root, 'masks', 'cup.bmp'));
  });

  it('names the mask and the image when their sizes differ', async () => {
    const dir = tempDir('bmp-mask');
    const imagePath = join(dir, 'a.png');
    const maskPath = join(dir, 'a.bmp');
    await writeTestImage(imagePath, 40, 30);
    await writeFile(maskPath, bmp(41, 21, 8, grabcut));
    const err = await evaluatePairs(new DiscPredictor(5), [{ name: 'a', imagePath, maskPath }], { maxClicks: 1 }).catch((e: unknown) => e);
    expect(isSamlabelError(err, 'BadInput')).toBe(true);
    expect((err as Error).message).toBe(`${maskPath}: the mask is 41x21 but the image is 40x30 (image ${imagePath})`);
  });
});
