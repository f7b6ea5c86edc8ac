import { SamlabelError } from '../../../shared/errors.js';
import { compressCounts, decompressCounts } from '../../../shared/masks/rle.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';

function countsOf(rle: UncompressedRle | CompressedRle): readonly number[] {
  if (typeof rle.counts !== 'string') return rle.counts;
  try {
    return decompressCounts(rle.counts);
  } catch (err) {
    throw new SamlabelError('BadInput', `RLE string is malformed: ${(err as Error).message}`);
  }
}

/** The stored form of a mask: compressed counts, checked to cover exactly height × width pixels (> 0). */
export function toCompressedRle(rle: UncompressedRle | CompressedRle): CompressedRle {
  const [h, w] = rle.size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h <= 0 || w <= 0) {
    throw new SamlabelError('BadInput', `RLE size must be [height, width] > 0, got [${rle.size.join(', ')}]`);
  }
  const counts = countsOf(rle);
  let total = 0;
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) throw new SamlabelError('BadInput', `RLE counts must be integers >= 0, got ${c}`);
    total += c;
  }
  if (total !== h * w) throw new SamlabelError('BadInput', `RLE counts cover ${total} pixels, size [${h}, ${w}] has ${h * w}`);
  return { size: [h, w], counts: typeof rle.counts === 'string' ? rle.counts : compressCounts(counts) };
}
