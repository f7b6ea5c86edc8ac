import { SamlabelError } from '../../../shared/errors.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';

/**
 * pycocotools' compressed RLE string (maskApi.c rleToString / rleFrString): each count, minus the
 * count two before it from the fourth on (i > 2, as the C code has it), in 5-bit groups, low first;
 * 0x20 marks "more groups", 0x10 of the last group is the sign; each group is stored as char + 48.
 * Arithmetic is done with numbers, not 32-bit shifts, so counts up to 2^53 survive.
 */
export function encodeRleCounts(counts: readonly number[]): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = i > 2 ? counts[i] - counts[i - 2] : counts[i];
    for (let more = true; more; ) {
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

export function decodeRleCounts(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    for (let more = true; more; k++) {
      if (p >= s.length) throw new SamlabelError('BadInput', 'RLE string ends inside a count');
      const c = s.charCodeAt(p++) - 48;
      if (c < 0 || c > 63) throw new SamlabelError('BadInput', `RLE string has an invalid character at ${p - 1}`);
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      if (!more && c & 0x10) x -= 2 ** (5 * (k + 1));
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    counts.push(x);
  }
  return counts;
}

/** The compressed form of either RLE, checked to cover exactly height × width pixels. */
export function toCompressedRle(rle: UncompressedRle | CompressedRle): CompressedRle {
  const [h, w] = rle.size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h <= 0 || w <= 0) {
    throw new SamlabelError('BadInput', `RLE size must be [height, width] > 0, got [${rle.size.join(', ')}]`);
  }
  const counts = typeof rle.counts === 'string' ? decodeRleCounts(rle.counts) : rle.counts;
  let total = 0;
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) throw new SamlabelError('BadInput', `RLE counts must be integers >= 0, got ${c}`);
    total += c;
  }
  if (total !== h * w) throw new SamlabelError('BadInput', `RLE counts cover ${total} pixels, size [${h}, ${w}] has ${h * w}`);
  return { size: [h, w], counts: typeof rle.counts === 'string' ? rle.counts : encodeRleCounts(counts) };
}

export function toUncompressedRle(rle: CompressedRle): UncompressedRle {
  return { size: [rle.size[0], rle.size[1]], counts: decodeRleCounts(rle.counts) };
}
