import { describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { parseSplitSpec, splitImages, splitSizes } from '../../../main/services/export/split.js';

const images = Array.from({ length: 50 }, (_, i) => ({ id: 1000 - i, relPath: `img/${String(i).padStart(3, '0')}.jpg` }));

function throwsBadInput(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    return isSamlabelError(err, 'BadInput');
  }
}

describe('splits', () => {
  it('parses fractions and percentages', () => {
    expect(parseSplitSpec('train=0.8,val=0.2').parts).toEqual([
      { name: 'train', fraction: 0.8 },
      { name: 'val', fraction: 0.2 },
    ]);
    expect(parseSplitSpec('train=70, val=20, test=10').parts.map((p) => p.fraction)).toEqual([0.7, 0.2, 0.1]);
  });

  it('refuses specs that do not add up, repeat a name or are malformed', () => {
    for (const bad of ['train=0.8,val=0.3', 'train=0.5,train=0.5', 'train', 'train=x', '=1', 'a/b=1']) {
      expect(throwsBadInput(() => parseSplitSpec(bad))).toBe(true);
    }
  });

  it('sizes splits by largest remainder so they always sum to the image count', () => {
    expect(splitSizes(10, [0.8, 0.2])).toEqual([8, 2]);
    expect(splitSizes(7, [1 / 3, 1 / 3, 1 / 3])).toEqual([3, 2, 2]);
    expect(splitSizes(1, [0.5, 0.5])).toEqual([1, 0]);
  });

  it('is a deterministic partition: same seed same split, another seed another split', () => {
    const spec = parseSplitSpec('train=0.8,val=0.2');
    const a = splitImages(images, spec, 42);
    expect(splitImages(images, spec, 42)).toEqual(a);
    expect(a.map((s) => s.images.length)).toEqual([40, 10]);
    expect(new Set(a.flatMap((s) => s.images.map((i) => i.relPath))).size).toBe(50);
    expect(splitImages(images, spec, 43)[1].images).not.toEqual(a[1].images);
  });

  it('depends on paths, not database ids, so a re-imported project splits the same way', () => {
    const spec = parseSplitSpec('train=0.5,val=0.5');
    const renumbered = images.map((img, i) => ({ ...img, id: i + 1 })).reverse();
    const paths = (list: Array<{ images: Array<{ relPath: string }> }>): string[][] => list.map((s) => s.images.map((i) => i.relPath));
    expect(paths(splitImages(renumbered, spec, 9))).toEqual(paths(splitImages(images, spec, 9)));
  });

  it('puts everything in train without a spec', () => {
    expect(splitImages(images, undefined).map((s) => [s.name, s.images.length])).toEqual([['train', 50]]);
  });
});
