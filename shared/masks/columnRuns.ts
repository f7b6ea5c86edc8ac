/**
 * Row-major mask <-> column-major run boundaries without walking columns (a strided walk of a
 * 12 MP mask is cache-hostile, ~100 ms). A column's value changes between rows y-1 and y exactly
 * where row y differs from row y-1, so both directions work on whole rows:
 * - encode compares each row with the one above (contiguous), collects the changes, and sorts them
 *   into column-major order with a counting sort by column;
 * - decode writes the first row, marks each boundary as a toggle at its (y, x), and XOR-accumulates
 *   rows top to bottom.
 */
import type { BinaryMask } from './types.js';

/** Growable list of column-major positions plus a per-column tally for the counting sort. */
class TransitionList {
  positions = new Uint32Array(1024);
  length = 0;
  readonly perColumn: Uint32Array;

  constructor(width: number) {
    this.perColumn = new Uint32Array(width);
  }

  add(x: number, position: number): void {
    if (this.length === this.positions.length) {
      const grown = new Uint32Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[this.length++] = position;
    this.perColumn[x]++;
  }
}

/** A little-endian 32-bit view that works at any byte offset (rows need not be 4-byte aligned). */
export function bytesView(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Changes inside columns: pixel p differs (0 vs non-zero) from p - w, the pixel above. Compared four
 * bytes at a time across the whole buffer; only differing words are looked at bytewise.
 */
function inColumnTransitions(mask: BinaryMask): TransitionList {
  const { height: h, width: w, data } = mask;
  const list = new TransitionList(w);
  const view = bytesView(data);
  const n = data.length;
  const check = (p: number, end: number) => {
    for (; p < end; p++) {
      const a = data[p];
      const b = data[p - w];
      if (a === b || (a !== 0 && b !== 0)) continue;
      const y = Math.floor(p / w);
      const x = p - y * w;
      list.add(x, x * h + y);
    }
  };
  let p = w;
  for (; p + 4 <= n; p += 4) {
    if (view.getUint32(p, true) !== view.getUint32(p - w, true)) check(p, p + 4);
  }
  check(p, n);
  return list;
}

/** All run boundaries in ascending column-major order: per column the top one (if any), then the inner ones. */
export function columnMajorBoundaries(mask: BinaryMask): { positions: Uint32Array; length: number } {
  const { height: h, width: w, data } = mask;
  if (h === 0 || w === 0) return { positions: new Uint32Array(0), length: 0 };
  const inner = inColumnTransitions(mask);
  // Column x's top pixel continues the bottom of column x-1 (or the initial background for x = 0).
  const top = new Uint8Array(w);
  let total = inner.length;
  for (let x = 0; x < w; x++) {
    const above = x === 0 ? 0 : data[(h - 1) * w + x - 1];
    top[x] = (data[x] === 0) !== (above === 0) ? 1 : 0;
    total += top[x];
  }
  const out = new Uint32Array(total);
  const start = new Uint32Array(w); // first slot of each column in `out`
  for (let x = 0, s = 0; x < w; x++) {
    start[x] = s;
    if (top[x]) out[s] = x * h;
    s += top[x] + inner.perColumn[x];
  }
  // Stable scatter: within a column the inner positions were found in increasing y.
  const next = start.map((s, x) => s + top[x]);
  for (let i = 0; i < inner.length; i++) {
    const p = inner.positions[i];
    const x = Math.floor(p / h);
    out[next[x]++] = p;
  }
  return { positions: out, length: total };
}

/**
 * Row-major mask from column-major counts (already checked to cover h*w). Row 0 gets the value of
 * the run holding each column's top pixel; every other boundary toggles its (y, x); a running XOR
 * down the rows then yields every pixel. Zero-length runs toggle twice and cancel, as they should.
 */
export function paintCounts(counts: readonly number[], h: number, w: number): Uint8Array {
  const data = new Uint8Array(h * w);
  if (h === 0 || w === 0) return data;
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const end = pos + counts[j];
    if (j % 2 === 1) {
      // Columns whose top pixel x*h lies in the foreground run [pos, end).
      for (let x = Math.ceil(pos / h); x * h < end; x++) data[x] = 1;
    }
    if (j > 0 && pos % h !== 0) data[(pos % h) * w + Math.floor(pos / h)] ^= 1;
    pos = end;
  }
  xorDown(data, w);
  return data;
}

/** data[p] ^= data[p - w] for every p >= w, in order: each row becomes itself XOR the finished row above. */
function xorDown(data: Uint8Array, w: number): void {
  const n = data.length;
  let p = w;
  // A word at p reads p - w .. p - w + 3, all finished before p only when w >= 4.
  if (w >= 4) {
    const view = bytesView(data);
    for (; p + 4 <= n; p += 4) view.setUint32(p, view.getUint32(p, true) ^ view.getUint32(p - w, true), true);
  }
  for (; p < n; p++) data[p] ^= data[p - w];
}
