/**
 * The few RLE operations AMG needs beyond shared/masks/rle.ts, all on uncompressed column-major
 * counts so masks stay compressed between the decoder and the output: uncrop (SAM's uncrop_masks,
 * zero padding), point lookup, intersection and union.
 */
import type { UncompressedRle } from '../types.js';
import type { BoxXyxy } from './cropBoxes.js';

/** Run boundaries (positions where the value flips) → counts starting with a background run. */
function boundariesToCounts(boundaries: readonly number[], total: number): number[] {
  const counts: number[] = [];
  let prev = 0;
  for (const b of boundaries) {
    counts.push(b - prev);
    prev = b;
  }
  counts.push(total - prev);
  return counts;
}

/** Foreground runs as [start, end) pairs in column-major pixel order. */
function* foregroundRuns(rle: UncompressedRle): Generator<[number, number]> {
  let pos = 0;
  for (let j = 0; j < rle.counts.length; j++) {
    const end = pos + rle.counts[j];
    if (j % 2 === 1 && end > pos) yield [pos, end];
    pos = end;
  }
}

/**
 * A crop-sized mask placed at cropBox inside an origH × origW image (zeros elsewhere). Each crop
 * column becomes part of an image column, so a run crossing a crop column boundary splits in two.
 */
export function uncropRle(rle: UncompressedRle, cropBox: BoxXyxy, origH: number, origW: number): UncompressedRle {
  const [x0, y0, x1, y1] = cropBox;
  const h = rle.size[0];
  if (x0 === 0 && y0 === 0 && x1 === origW && y1 === origH) return rle;
  const boundaries: number[] = [];
  const toImage = (p: number): number => (x0 + Math.floor(p / h)) * origH + y0 + (p % h);
  for (const [start, end] of foregroundRuns(rle)) {
    let s = start;
    while (s < end) {
      const columnEnd = (Math.floor(s / h) + 1) * h;
      const e = Math.min(end, columnEnd);
      const a = toImage(s);
      const b = a + (e - s);
      // Touching runs (a column's bottom meeting the next column's top with no padding) merge.
      if (boundaries.length > 0 && boundaries[boundaries.length - 1] === a) boundaries.pop();
      else boundaries.push(a);
      boundaries.push(b);
      s = e;
    }
  }
  return { size: [origH, origW], counts: boundariesToCounts(boundaries, origH * origW) };
}

/** Whether pixel (x, y) (integers) is foreground. */
export function rleContains(rle: UncompressedRle, x: number, y: number): boolean {
  const [h, w] = rle.size;
  if (x < 0 || y < 0 || x >= w || y >= h) return false;
  const p = x * h + y;
  let pos = 0;
  for (let j = 0; j < rle.counts.length; j++) {
    pos += rle.counts[j];
    if (p < pos) return j % 2 === 1;
  }
  return false;
}

/** Walks two RLEs of one size together, calling visit(length, inA, inB) for each common piece. */
function walkPair(a: UncompressedRle, b: UncompressedRle, visit: (len: number, inA: boolean, inB: boolean) => void): void {
  const ca = a.counts;
  const cb = b.counts;
  let ia = 0;
  let ib = 0;
  let ra = ca[0] ?? 0;
  let rb = cb[0] ?? 0;
  while (ia < ca.length && ib < cb.length) {
    if (ra === 0) {
      ra = ca[++ia] ?? 0;
      continue;
    }
    if (rb === 0) {
      rb = cb[++ib] ?? 0;
      continue;
    }
    const step = Math.min(ra, rb);
    visit(step, ia % 2 === 1, ib % 2 === 1);
    ra -= step;
    rb -= step;
  }
}

export function rleIntersectionArea(a: UncompressedRle, b: UncompressedRle): number {
  let n = 0;
  walkPair(a, b, (len, inA, inB) => {
    if (inA && inB) n += len;
  });
  return n;
}

/** Pixel-wise OR of two same-sized masks. */
export function rleUnion(a: UncompressedRle, b: UncompressedRle): UncompressedRle {
  const boundaries: number[] = [];
  let pos = 0;
  let inside = false;
  walkPair(a, b, (len, inA, inB) => {
    if ((inA || inB) !== inside) {
      boundaries.push(pos);
      inside = !inside;
    }
    pos += len;
  });
  return { size: [a.size[0], a.size[1]], counts: boundariesToCounts(boundaries, a.size[0] * a.size[1]) };
}

export function rleAreaOf(rle: UncompressedRle): number {
  let area = 0;
  for (let j = 1; j < rle.counts.length; j += 2) area += rle.counts[j];
  return area;
}
