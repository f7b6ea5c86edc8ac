/**
 * What the editor needs of a candidate's low-res logits, and no more (a predict answer crosses a
 * socket or IPC on every click, and bytes are what that costs):
 *
 * - the cells image pixels read at all (the model frame's padding is never read): the grid;
 * - one bit per grid cell (logit > 0) for the candidate previews;
 * - exact logits only in the window that decides the full-resolution mask: the positive cells'
 *   bounding box grown by the upsampling support. Every pixel whose composite taps
 *   (upsampleTaps.ts: two bilinear taps of two, at most 3 adjacent cells per axis) read a cell
 *   outside that window reads only cells outside the positive box, all ≤ 0, so it is outside the mask
 *   whatever those values are: -1 in their place gives SAM's postprocess the same mask, bit for bit.
 */
import { IMG_SIZE, MASK_THRESHOLD } from './constants.js';
import type { Size } from './coords.js';
import { getPreprocessShape } from './resizeLongestSide.js';
import { axisTaps } from './upsampleTaps.js';

/** Low-res cells [0, cols) × [0, rows) that the image's pixels read. */
export interface CellGrid {
  readonly cols: number;
  readonly rows: number;
}

/** Cells [c0, c1) × [r0, r1) of the low-res frame; empty when c0 === c1 or r0 === r1. */
export interface CellWindow {
  readonly c0: number;
  readonly r0: number;
  readonly c1: number;
  readonly r1: number;
}

/** A candidate's logits inside `window`, row-major; every cell outside is ≤ 0 (outside the mask). */
export interface WindowedLogits {
  readonly window: CellWindow;
  readonly values: Float32Array<ArrayBuffer>;
}

/** Cells an output pixel's taps span along one axis, minus one: two taps of two adjacent taps. */
const SUPPORT = 2;
/** Stand-in for a logit outside the deciding window: any value ≤ MASK_THRESHOLD decides alike. */
const OUTSIDE = MASK_THRESHOLD - 1;

/**
 * The cells read by SAM's postprocess for this image, plus one: a display raster of the image at a
 * smaller size rounds its crop by up to a model pixel more, which can reach one cell further.
 */
export function cellGrid(side: number, image: Size): CellGrid {
  const crop = getPreprocessShape(image, IMG_SIZE);
  const last = (crop: number, orig: number) => axisTaps({ lowRes: side, frame: IMG_SIZE, crop, orig }, orig - 1, orig).maxSource;
  return { cols: Math.min(side, last(crop.width, image.width) + 2), rows: Math.min(side, last(crop.height, image.height) + 2) };
}

export const cellMaskBytes = (grid: CellGrid): number => Math.ceil((grid.cols * grid.rows) / 8);

/** Candidate `k`'s bits (cell (r, c) is bit r·cols + c, least significant first) of `count` side² planes. */
export function packCellMasks(logits: Float32Array, side: number, count: number, grid: CellGrid): Uint8Array<ArrayBuffer> {
  const bytes = cellMaskBytes(grid);
  const out = new Uint8Array(bytes * count);
  for (let k = 0; k < count; k++) {
    // Bits gather in a local byte, written once per 8 cells: this runs on every predict.
    let at = k * bytes;
    let byte = 0;
    let bit = 0;
    for (let r = 0; r < grid.rows; r++) {
      const row = k * side * side + r * side;
      for (let c = 0; c < grid.cols; c++) {
        byte |= +(logits[row + c] > MASK_THRESHOLD) << bit; // branch-free, as in insideCells
        if (++bit === 8) {
          out[at++] = byte;
          byte = 0;
          bit = 0;
        }
      }
    }
    if (bit > 0) out[at] = byte;
  }
  return out;
}

/** Candidate `k` of packed masks as one byte per grid cell (1 inside, 0 outside). */
export function unpackCellMask(packed: Uint8Array, grid: CellGrid, k: number): Uint8Array {
  const n = grid.cols * grid.rows;
  const out = new Uint8Array(n);
  const start = k * cellMaskBytes(grid) * 8;
  for (let i = 0; i < n; i++) {
    const bit = start + i;
    out[i] = (packed[bit >> 3] >> (bit & 7)) & 1;
  }
  return out;
}

/** The window of one side² plane whose exact values decide its mask (empty when no cell is inside). */
export function decidingWindow(logits: Float32Array, side: number, grid: CellGrid): CellWindow {
  const box = insideCells(logits, side, grid);
  if (!box) return { c0: 0, r0: 0, c1: 0, r1: 0 };
  return {
    c0: Math.max(0, box.c0 - SUPPORT),
    r0: Math.max(0, box.r0 - SUPPORT),
    c1: Math.min(grid.cols, box.c1 + SUPPORT),
    r1: Math.min(grid.rows, box.r1 + SUPPORT),
  };
}

/**
 * The window [c0, c1) × [r0, r1) around the cells of `grid` (the plane's top-left part) with a logit
 * > 0; null when none. Branch-free per cell: `+(bool)` compiles without a branch in V8, and an `if`
 * mispredicts half the time on a noisy decoder's cells.
 */
export function insideCells(logits: Float32Array, side: number, grid: CellGrid): CellWindow | null {
  let c0 = grid.cols;
  let c1 = -1;
  let r0 = grid.rows;
  let r1 = -1;
  for (let r = 0; r < grid.rows; r++) {
    let first = grid.cols;
    let last = -1;
    for (let c = 0; c < grid.cols; c++) {
      const inside = +(logits[r * side + c] > MASK_THRESHOLD);
      first = Math.min(first, c + (1 - inside) * grid.cols);
      last = Math.max(last, inside * (c + 1) - 1);
    }
    if (last < 0) continue;
    c0 = Math.min(c0, first);
    c1 = Math.max(c1, last);
    r0 = Math.min(r0, r);
    r1 = r;
  }
  return c1 < 0 ? null : { c0, r0, c1: c1 + 1, r1: r1 + 1 };
}

/** The values of one side² plane inside its deciding window. */
export function cropToWindow(logits: Float32Array, side: number, grid: CellGrid): WindowedLogits {
  const window = decidingWindow(logits, side, grid);
  const width = window.c1 - window.c0;
  const values = new Float32Array(width * (window.r1 - window.r0));
  for (let r = window.r0; r < window.r1; r++) {
    values.set(logits.subarray(r * side + window.c0, r * side + window.c1), (r - window.r0) * width);
  }
  return { window, values };
}

/** A side² plane that postprocess turns into the same mask as the plane `windowed` was cut from. */
export function expandWindow(windowed: WindowedLogits, side: number): Float32Array {
  const { window, values } = windowed;
  const width = window.c1 - window.c0;
  const out = new Float32Array(side * side).fill(OUTSIDE);
  for (let r = window.r0; r < window.r1; r++) {
    out.set(values.subarray((r - window.r0) * width, (r - window.r0 + 1) * width), r * side + window.c0);
  }
  return out;
}
