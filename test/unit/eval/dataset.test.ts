import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroundTruth, pairByStem } from '../../../main/services/eval/dataset.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeGreyPng, writePalettePng } from './masksOnDisk.js';

describe('eval dataset', () => {
  it('pairs images and masks by stem and reports the leftovers', async () => {
    const dir = tempDir('eval-pairs');
    await mkdir(join(dir, 'img'));
    await mkdir(join(dir, 'gt'));
    for (const f of ['b.jpg', 'a.png', 'c.jpeg', 'notes.txt']) await writeFile(join(dir, 'img', f), '');
    for (const f of ['a.png', 'b.png', 'd.png']) await writeFile(join(dir, 'gt', f), '');
    const paired = await pairByStem(join(dir, 'img'), join(dir, 'gt'));
    expect(paired.pairs.map((p) => [p.name, p.imagePath.endsWith('b.jpg') || p.imagePath.endsWith('a.png')])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(paired.unpairedImages).toEqual(['c']);
    expect(paired.unpairedMasks).toEqual(['d']);
  });

  it('reads 0/255 masks with 128 as ignore', async () => {
    const path = join(tempDir('eval-grey'), 'm.png');
    await writeGreyPng(path, Uint8Array.from([0, 255, 128, 255, 0, 0]), 3, 2);
    const gt = await loadGroundTruth(path);
    expect([gt.width, gt.height]).toEqual([3, 2]);
    expect(Array.from(gt.object)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(Array.from(gt.ignore)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it.each([8, 4, 2, 1])('reads palette masks by index at bit depth %i: any non-zero index is object', async (depth) => {
    const path = join(tempDir('eval-palette'), 'm.png');
    // Index 0 has a black palette entry and index 1 a dark red one: a grey conversion would call both background.
    const indices = Uint8Array.from({ length: 7 * 3 }, (_, i) => (i % 3 === 0 ? 0 : Math.min((1 << depth) - 1, i % 4)));
    await writePalettePng(path, indices, 7, 3, depth);
    const gt = await loadGroundTruth(path);
    expect([gt.width, gt.height]).toEqual([7, 3]);
    expect(Array.from(gt.object)).toEqual(Array.from(indices, (v) => (v !== 0 ? 1 : 0)));
    expect(gt.ignore.every((v) => v === 0)).toBe(true);
  });
});
