/**
 * COCO run-length encoding, byte-compatible with pycocotools (maskApi.c): runs in column-major
 * (Fortran) order starting with a background run, size [height, width], and the compressed string
 * of rleToString / rleFrString. Masks here are row-major, so encode/decode walk columns.
 */
import { SamlabelError } from '../errors.js';
import { bytesView, columnMajorBoundaries, paintCounts } from './columnRuns.js';
import type { BboxXywh, BinaryMask, CompressedRle, UncompressedRle } from './types.js';

export type Rle = UncompressedRle | CompressedRle;

const bad = (message: string) => new SamlabelError('BadInput', message);

function checkMask(mask: BinaryMask): void {
  const { height: h, width: w } = mask;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 0 || w < 0 || mask.data.length !== h * w) {
    throw bad(`mask of ${mask.data.length} bytes does not match its size ${w}x${h}`);
  }
}

/** Counts of either form, checked: non-negative integers covering exactly height × width pixels. */
function checkedCounts(rle: Rle): number[] {
  const [h, w] = rle.size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 0 || w < 0) {
    throw bad(`RLE size must be [height, width] of integers >= 0, got [${rle.size.join(', ')}]`);
  }
  const counts = typeof rle.counts === 'string' ? decompressCounts(rle.counts) : rle.counts;
  let total = 0;
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) throw bad(`RLE counts must be integers >= 0, got ${c}`);
    total += c;
  }
  if (total !== h * w) throw bad(`RLE counts cover ${total} pixels, size [${h}, ${w}] has ${h * w}`);
  return counts;
}

/** rleEncode: any non-zero byte is foreground (pycocotools would treat e.g. 255 as a third value). */
export function encodeRle(mask: BinaryMask): UncompressedRle {
  checkMask(mask);
  const { height: h, width: w } = mask;
  const { positions, length } = columnMajorBoundaries(mask);
  const counts = new Array<number>(length + 1);
  let prev = 0;
  for (let i = 0; i < length; i++) {
    counts[i] = positions[i] - prev;
    prev = positions[i];
  }
  counts[length] = h * w - prev;
  return { size: [h, w], counts };
}

export function decodeRle(rle: Rle): BinaryMask {
  const counts = checkedCounts(rle);
  const [h, w] = rle.size;
  return { height: h, width: w, data: paintCounts(counts, h, w) };
}

/** Chars of the compressed string: 5 data bits + 0x20 "more" flag, offset by 48 ('0'..'o'). */
const CHAR_BASE = 48;

/**
 * rleToString: each count (minus the count two before it, from index 3 on: `i > 2` as in maskApi.c)
 * as a little-endian signed sequence of 5-bit groups. Arithmetic uses numbers, not 32-bit shifts,
 * so large counts and deltas cannot wrap.
 */
export function compressCounts(counts: readonly number[]): string {
  let codes: Uint8Array = new Uint8Array(Math.max(16, counts.length * 2));
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    let x = i > 2 ? counts[i] - counts[i - 2] : counts[i];
    if (!Number.isSafeInteger(x)) throw bad(`RLE count ${counts[i]} at ${i} is not an integer`);
    if (n + 11 > codes.length) codes = grow(codes); // 11 groups hold any safe integer
    for (let more = true; more; ) {
      let c = x - Math.floor(x / 32) * 32; // x & 0x1f, also for negative x
      x = Math.floor(x / 32); // arithmetic shift right by 5
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      codes[n++] = c + CHAR_BASE;
    }
  }
  return codesToString(codes.subarray(0, n));
}

function grow(codes: Uint8Array): Uint8Array {
  const bigger = new Uint8Array(codes.length * 2);
  bigger.set(codes);
  return bigger;
}

/** String.fromCharCode in chunks: spreading millions of arguments at once overflows the stack. */
function codesToString(codes: Uint8Array): string {
  const CHUNK = 8192;
  let s = '';
  for (let i = 0; i < codes.length; i += CHUNK) s += String.fromCharCode(...codes.subarray(i, i + CHUNK));
  return s;
}

/** rleFrString; rejects characters outside '0'..'o', a string that ends inside a count, and negative counts. */
export function decompressCounts(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let scale = 1; // 2^(5k)
    for (let more = true; more; scale *= 32) {
      if (p >= s.length) throw bad('RLE string ends inside a count');
      const c = s.charCodeAt(p++) - CHAR_BASE;
      if (c < 0 || c > 63) throw bad(`RLE string has an invalid character at ${p - 1}`);
      x += (c & 0x1f) * scale;
      more = (c & 0x20) !== 0;
      if (!more && c & 0x10) x -= scale * 32; // sign-extend from the last group
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    if (x < 0) throw bad(`RLE string decodes to a negative count at run ${counts.length}`);
    counts.push(x);
  }
  return counts;
}

export function toCompressed(rle: Rle): CompressedRle {
  return { size: [rle.size[0], rle.size[1]], counts: compressCounts(checkedCounts(rle)) };
}

export function toUncompressed(rle: Rle): UncompressedRle {
  return { size: [rle.size[0], rle.size[1]], counts: checkedCounts(rle).slice() };
}

/** rleArea: the sum of the foreground (odd-index) runs. */
export function rleArea(rle: Rle): number {
  const counts = checkedCounts(rle);
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}

/**
 * rleToBbox: [x, y, w, h] of the foreground, [0, 0, 0, 0] when empty. Same result as maskApi.c for
 * any RLE pycocotools writes; zero-length runs (which the C code turns into unsigned underflow) are
 * skipped. A run that crosses a column boundary covers the bottom of one column and the top of the
 * next, hence rows 0..h-1.
 */
export function rleToBbox(rle: Rle): BboxXywh {
  const counts = checkedCounts(rle);
  const h = rle.size[0];
  let xs = Number.POSITIVE_INFINITY;
  let ys = Number.POSITIVE_INFINITY;
  let xe = -1;
  let ye = -1;
  let pos = 0;
  for (let j = 0; j < counts.length; pos += counts[j], j++) {
    if (j % 2 === 0 || counts[j] === 0) continue;
    const first = pos;
    const last = pos + counts[j] - 1;
    const x0 = Math.floor(first / h);
    const x1 = Math.floor(last / h);
    xs = Math.min(xs, x0);
    xe = Math.max(xe, x1);
    ys = Math.min(ys, x1 > x0 ? 0 : first % h);
    ye = Math.max(ye, x1 > x0 ? h - 1 : last % h);
  }
  if (xe < 0) return [0, 0, 0, 0];
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/** First (dir 1) or last (dir -1) non-zero byte of [from, to), or -1. Skips zero words four bytes at a time. */
function findNonZero(data: Uint8Array, view: DataView, from: number, to: number, dir: 1 | -1): number {
  if (dir === 1) {
    let p = from;
    while (p + 4 <= to && view.getUint32(p, true) === 0) p += 4;
    for (; p < to; p++) if (data[p] !== 0) return p;
  } else {
    let p = to;
    while (p - 4 >= from && view.getUint32(p - 4, true) === 0) p -= 4;
    for (p--; p >= from; p--) if (data[p] !== 0) return p;
  }
  return -1;
}

/** Tight [x, y, w, h] of the non-zero pixels of a row-major mask, [0, 0, 0, 0] when empty. */
export function maskBbox(mask: BinaryMask): BboxXywh {
  checkMask(mask);
  const { width: w, data } = mask;
  const view = bytesView(data);
  const first = findNonZero(data, view, 0, data.length, 1);
  if (first < 0) return [0, 0, 0, 0];
  const last = findNonZero(data, view, 0, data.length, -1);
  const ys = Math.floor(first / w);
  const ye = Math.floor(last / w);
  let xs = first - ys * w;
  let xe = last - ye * w;
  for (let y = ys; y <= ye; y++) {
    const row = y * w;
    // Only the parts of the row that could widen the box are scanned.
    if (xs > 0) {
      const p = findNonZero(data, view, row, row + xs, 1);
      if (p >= 0) xs = p - row;
    }
    if (xe < w - 1) {
      const p = findNonZero(data, view, row + xe + 1, row + w, -1);
      if (p >= 0) xe = p - row;
    }
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/**
 * maskApi.c rleIou for one pair: intersection over union, walking both run lists at once. With
 * isCrowd (b is a crowd ground truth) the denominator is a's area, as COCOeval does. 0 when nothing
 * intersects (pycocotools returns 0 there too, via its bbox prefilter).
 */
export function rleIou(a: Rle, b: Rle, isCrowd = false): number {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1]) {
    throw bad(`RLE sizes differ: [${a.size.join(', ')}] vs [${b.size.join(', ')}]`);
  }
  const ca = checkedCounts(a);
  const cb = checkedCounts(b);
  let ia = 0;
  let ib = 0;
  let ra = ca[0] ?? 0;
  let rb = cb[0] ?? 0;
  let intersection = 0;
  let union = 0;
  // Both lists cover the same h*w pixels, so they run out together.
  while (ia < ca.length && ib < cb.length) {
    const step = Math.min(ra, rb);
    const inA = ia % 2 === 1;
    const inB = ib % 2 === 1;
    if (inA && inB) intersection += step;
    if (inA || inB) union += step;
    ra -= step;
    rb -= step;
    if (ra === 0) ra = ca[++ia];
    if (rb === 0) rb = cb[++ib];
  }
  if (intersection === 0) return 0;
  return intersection / (isCrowd ? rleArea(a) : union);
}

/** IoU of two same-sized masks (non-zero is foreground); 0 when both are empty. */
export function maskIou(a: BinaryMask, b: BinaryMask): number {
  checkMask(a);
  checkMask(b);
  if (a.height !== b.height || a.width !== b.width) {
    throw bad(`mask sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  const va = bytesView(a.data);
  const vb = bytesView(b.data);
  const n = a.data.length;
  let intersection = 0;
  let union = 0;
  const count = (p: number, end: number) => {
    for (; p < end; p++) {
      const ina = +(a.data[p] !== 0);
      const inb = +(b.data[p] !== 0);
      intersection += ina & inb;
      union += ina | inb;
    }
  };
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    const wa = va.getUint32(p, true);
    const wb = vb.getUint32(p, true);
    if ((wa | wb) === 0) continue; // background in both: the bulk of most masks
    if (wa === wb) {
      // Same bytes in both: each non-zero byte is in the intersection and the union.
      const k = nonZeroBytes(wa);
      intersection += k;
      union += k;
    } else count(p, p + 4);
  }
  count(p, n);
  return union === 0 ? 0 : intersection / union;
}

function nonZeroBytes(word: number): number {
  return +((word & 0xff) !== 0) + +((word & 0xff00) !== 0) + +((word & 0xff0000) !== 0) + +(word >>> 24 !== 0);
}
