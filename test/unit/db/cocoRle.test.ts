import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRleCounts, encodeRleCounts, toCompressedRle } from '../../../main/services/annotations/cocoRle.js';
import { expectCode } from '../../helpers/dbExpect.js';

interface Golden {
  masks: { name: string; size: [number, number]; counts_uncompressed: number[]; counts_compressed: string }[];
}
const golden = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/coco-rle/golden.json', import.meta.url), 'utf8')) as Golden;

describe('COCO compressed RLE strings', () => {
  it.each(golden.masks.map((m) => [m.name, m] as const))('match pycocotools for %s', (_name, m) => {
    expect(encodeRleCounts(m.counts_uncompressed)).toBe(m.counts_compressed);
    expect(decodeRleCounts(m.counts_compressed)).toEqual(m.counts_uncompressed);
  });

  it('round-trips large counts and long alternations (the i > 2 delta and the sign bit)', () => {
    const counts = [0, 2 ** 31 - 7, 3, 1, 1_000_000, 2, 0, 65_536, 1, 1, 40];
    expect(decodeRleCounts(encodeRleCounts(counts))).toEqual(counts);
  });

  it('checks that counts cover the size exactly', () => {
    expect(toCompressedRle({ size: [2, 3], counts: [1, 5] })).toEqual({ size: [2, 3], counts: encodeRleCounts([1, 5]) });
    expectCode(() => toCompressedRle({ size: [2, 3], counts: [1, 4] }), 'BadInput');
    expectCode(() => toCompressedRle({ size: [2, 3], counts: '\u00ff' }), 'BadInput');
    expectCode(() => toCompressedRle({ size: [0, 3], counts: [] }), 'BadInput');
  });
});
