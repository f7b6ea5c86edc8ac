/**
 * utils/amg.py remove_small_regions without OpenCV: connected components of the working mask with
 * 8-connectivity (cv2.connectedComponentsWithStats(working_mask, 8)), numbered in raster order of
 * their first pixel. Components are built from horizontal runs, not pixels: a run joins every run of
 * the row above that overlaps it or touches it diagonally, so the cost follows the outline, not the
 * area (a 12 MP mask is a few thousand runs).
 */
import type { BinaryMask } from '../types.js';

export type RegionMode = 'holes' | 'islands';

/** Horizontal runs [x0, x1) of the selected pixels, in raster order. */
interface Runs {
  readonly y: number[];
  readonly x0: number[];
  readonly x1: number[];
  /** Index of the first run of each row, plus one past the end. */
  readonly rowStart: Int32Array;
}

function rowRuns(mask: BinaryMask, foreground: boolean): Runs {
  const { width: w, height: h, data } = mask;
  const runs: Runs = { y: [], x0: [], x1: [], rowStart: new Int32Array(h + 1) };
  for (let y = 0; y < h; y++) {
    runs.rowStart[y] = runs.y.length;
    const row = y * w;
    let x = 0;
    while (x < w) {
      while (x < w && (data[row + x] !== 0) !== foreground) x++;
      if (x === w) break;
      const start = x;
      while (x < w && (data[row + x] !== 0) === foreground) x++;
      runs.y.push(y);
      runs.x0.push(start);
      runs.x1.push(x);
    }
  }
  runs.rowStart[h] = runs.y.length;
  return runs;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  // The smaller index (earlier in raster order) stays the root.
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** Joins each run with the runs of the row above within one pixel diagonally (8-connectivity). */
function joinRows(runs: Runs, height: number): Int32Array {
  const parent = Int32Array.from({ length: runs.y.length }, (_, i) => i);
  for (let y = 1; y < height; y++) {
    let q = runs.rowStart[y - 1];
    const qEnd = runs.rowStart[y];
    for (let r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++) {
      // Runs above that end before r starts (minus the diagonal) can touch no later run either.
      while (q < qEnd && runs.x1[q] < runs.x0[r]) q++;
      for (let k = q; k < qEnd && runs.x0[k] <= runs.x1[r]; k++) union(parent, r, k);
    }
  }
  return parent;
}

interface RunComponents {
  readonly runs: Runs;
  /** Per run: its component, 1-based, numbered by first appearance in raster order. */
  readonly runLabel: Int32Array;
  readonly sizes: number[];
}

function runComponents(mask: BinaryMask, foreground: boolean): RunComponents {
  const runs = rowRuns(mask, foreground);
  const parent = joinRows(runs, mask.height);
  const runLabel = new Int32Array(runs.y.length);
  const sizes: number[] = [];
  for (let r = 0; r < runs.y.length; r++) {
    const root = find(parent, r);
    if (root === r) sizes.push(0);
    runLabel[r] = root === r ? sizes.length : runLabel[root];
    sizes[runLabel[r] - 1] += runs.x1[r] - runs.x0[r];
  }
  return { runs, runLabel, sizes };
}

/** Per pixel: 0 for unselected pixels, else the component 1..count; sizes[k] = pixels of component k + 1. */
export function connectedComponents(mask: BinaryMask, foreground: boolean): { labels: Int32Array; sizes: number[] } {
  const { runs, runLabel, sizes } = runComponents(mask, foreground);
  const labels = new Int32Array(mask.width * mask.height);
  for (let r = 0; r < runs.y.length; r++) labels.fill(runLabel[r], runs.y[r] * mask.width + runs.x0[r], runs.y[r] * mask.width + runs.x1[r]);
  return { labels, sizes };
}

/**
 * 'holes': fills background components smaller than areaThresh (any of them, also one touching the
 * border, as SAM does); 'islands': removes foreground components smaller than areaThresh, keeping the
 * largest when all are small. Returns the mask unchanged (same object) when nothing is small.
 */
export function removeSmallRegions(mask: BinaryMask, areaThresh: number, mode: RegionMode): { mask: BinaryMask; changed: boolean } {
  const correctHoles = mode === 'holes';
  const { runs, runLabel, sizes } = runComponents(mask, !correctHoles);
  const small = sizes.map((s) => s < areaThresh);
  if (!small.includes(true)) return { mask, changed: false };
  const { width: w } = mask;
  // holes: the mask plus its small holes; islands: only the components that are not small.
  const data = correctHoles ? Uint8Array.from(mask.data, (v) => (v !== 0 ? 1 : 0)) : new Uint8Array(mask.data.length);
  const keep = correctHoles ? small : small.map((s) => !s);
  // If every island is below the threshold, keep the largest (the first of equals).
  if (!correctHoles && !keep.includes(true)) keep[sizes.indexOf(Math.max(...sizes))] = true;
  for (let r = 0; r < runs.y.length; r++) {
    if (keep[runLabel[r] - 1]) data.fill(1, runs.y[r] * w + runs.x0[r], runs.y[r] * w + runs.x1[r]);
  }
  return { mask: { width: w, height: mask.height, data }, changed: true };
}
