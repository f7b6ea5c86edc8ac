import { describe, expect, it } from 'vitest';
import { compressCounts } from '../../../shared/masks/rle.js';
import { toCompressedRle } from '../../../main/services/annotations/cocoRle.js';
import { expectCode } from '../../helpers/dbExpect.js';

describe('the stored RLE form', () => {
  it('compresses uncompressed counts and keeps a valid string as it is', () => {
    expect(toCompressedRle({ size: [2, 3], counts: [1, 5] })).toEqual({ size: [2, 3], counts: compressCounts([1, 5]) });
    expect(toCompressedRle({ size: [2, 3], counts: compressCounts([0, 6]) }).counts).toBe(compressCounts([0, 6]));
  });

  it('refuses counts that do not cover the size, malformed strings and empty sizes', () => {
    expectCode(() => toCompressedRle({ size: [2, 3], counts: [1, 4] }), 'BadInput');
    expectCode(() => toCompressedRle({ size: [2, 3], counts: '\u00ff' }), 'BadInput');
    expectCode(() => toCompressedRle({ size: [0, 3], counts: [] }), 'BadInput');
  });
});
