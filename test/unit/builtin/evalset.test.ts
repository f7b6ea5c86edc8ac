import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateEvalSet } from '../../data/evalset/generate.js';
import { tempDir } from '../../helpers/engineHarness.js';

async function greyValues(path: string): Promise<Set<number>> {
  const { data } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return new Set(data);
}

describe('evaluation set generator', () => {
  it('is deterministic: the same seed writes the same bytes', async () => {
    const [a, b] = [tempDir('evalset-a'), tempDir('evalset-b')];
    await generateEvalSet({ outDir: a, count: 2, seed: 3, hand: [] });
    await generateEvalSet({ outDir: b, count: 2, seed: 3, hand: [] });
    for (const sub of ['images', 'masks']) {
      const files = (await readdir(join(a, sub))).sort();
      expect(files).toHaveLength(2);
      for (const f of files) expect(await readFile(join(a, sub, f))).toEqual(await readFile(join(b, sub, f)));
    }
    const other = tempDir('evalset-c');
    await generateEvalSet({ outDir: other, count: 1, seed: 4, hand: [] });
    expect(await readFile(join(other, 'images', 'synth_000.jpg'))).not.toEqual(await readFile(join(a, 'images', 'synth_000.jpg')));
  });

  it('writes composites with 0/255 masks of a real object size, and traced masks with an ignore band', async () => {
    const dir = tempDir('evalset-d');
    const names = await generateEvalSet({ outDir: dir, count: 1, seed: 1, hand: ['real_bag'] });
    expect(names).toEqual(['synth_000', 'real_bag']);
    expect([...(await greyValues(join(dir, 'masks', 'synth_000.png')))].sort((x, y) => x - y)).toEqual([0, 255]);
    const { data, info } = await sharp(join(dir, 'masks', 'real_bag.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const count = (v: number) => data.reduce((n, p) => n + (p === v ? 1 : 0), 0);
    expect([info.width, info.height]).toEqual([800, 534]);
    // The middle paper bag: about 60 × 160 px, its outline ±3 px ignored.
    expect(count(255)).toBeGreaterThan(6000);
    expect(count(255)).toBeLessThan(12000);
    expect(count(128)).toBeGreaterThan(1500);
    const image = await readFile(join(dir, 'images', 'real_bag.jpg'));
    expect(image).toEqual(await readFile(join(process.cwd(), '..', 'shared', 'samples', 'groceries.jpg')));
  });
});
