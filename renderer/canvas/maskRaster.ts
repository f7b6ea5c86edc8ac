/**
 * Masks → small RGBA bitmaps for the canvas, DOM-free so Node tests check them pixel by pixel.
 * Nothing here materialises a full-resolution mask of a big image: a candidate is upsampled from its
 * low-res logits only over its bounding box and only at display scale (DESIGN §1 step 3), and an
 * accepted annotation's RLE is painted straight into its bounding box at a reduced step.
 */
import { decompressCounts } from '../../shared/masks/rle.js';
import { IMG_SIZE, MASK_THRESHOLD } from '../../shared/sam/constants.js';
import type { Size } from '../../shared/sam/coords.js';
import { insideCells, type CellGrid, type CellWindow } from '../../shared/sam/lowResCells.js';
import { binarizeRegion } from '../../shared/sam/postprocess.js';

/** A bitmap placed on the image: raster pixel (i, j) covers image pixels from (left + i·scaleX, top + j·scaleY). */
export interface PlacedBitmap {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly scaleX: number;
  readonly scaleY: number;
}

export type Rgb = readonly [number, number, number];

/** How a mask is painted: a translucent fill and an opaque outline one raster pixel wide. */
export interface MaskStyle {
  readonly rgb: Rgb;
  readonly fillAlpha: number;
  readonly outlineRgb: Rgb;
}

/** '#rrggbb' → [r, g, b]; anything else is a neutral grey rather than a crash. */
export function parseHex(color: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [128, 128, 128];
}

/** A darker shade for outlines, so the edge reads on both light and dark images. */
export function darker(rgb: Rgb, factor = 0.55): Rgb {
  return [Math.round(rgb[0] * factor), Math.round(rgb[1] * factor), Math.round(rgb[2] * factor)];
}

/** r, g, b, a as one little-endian 32-bit RGBA pixel (ImageData's byte order on every platform we ship). */
const packRgba = ([r, g, b]: Rgb, a: number): number => ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;

/**
 * Inside pixels (mask[i] = 1; the mask holds only 0 and 1) with a 4-neighbour outside (or on the
 * bitmap's edge) are outline. Interior pixels are looked up without branching: a candidate of a noisy
 * decoder is half inside at random, and per-pixel branches there cost more than the painting.
 */
export function paintMask(mask: Uint8Array, width: number, height: number, style: MaskStyle): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  const pixels = new Uint32Array(rgba.buffer);
  const fill = packRgba(style.rgb, Math.round(style.fillAlpha * 255));
  const outline = packRgba(style.outlineRgb, 255);
  // Index: inside·2 + (all four neighbours inside).
  const lut = new Uint32Array([0, 0, outline, fill]);
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let i = row + 1; i < row + width - 1; i++) {
      pixels[i] = lut[(mask[i] << 1) | (mask[i - 1] & mask[i + 1] & mask[i - width] & mask[i + width])];
    }
  }
  paintEdges(mask, width, height, pixels, outline);
  return rgba;
}

/** The bitmap's border rows and columns: every inside pixel there is outline. */
function paintEdges(mask: Uint8Array, width: number, height: number, pixels: Uint32Array, outline: number): void {
  const mark = (i: number) => {
    if (mask[i] === 1) pixels[i] = outline;
  };
  for (let x = 0; x < width; x++) {
    mark(x);
    mark((height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    mark(y * width);
    mark(y * width + width - 1);
  }
}

/**
 * Image-pixel box [x0, y0, x1) × [y0, y1) around the low-res cells with a positive logit, one cell of
 * margin (bilinear upsampling spreads a cell into its neighbours), clipped to the image. Null when empty.
 */
export function logitsBounds(logits: Float32Array, side: number, image: Size): { x0: number; y0: number; x1: number; y1: number } | null {
  const box = insideCells(logits, side, { cols: side, rows: side });
  if (!box) return null;
  const { c0, r0 } = box;
  const c1 = box.c1 - 1;
  const r1 = box.r1 - 1;
  // One low-res cell is IMG_SIZE/side model pixels; the model frame is the image scaled by IMG_SIZE/longest side.
  const cell = (IMG_SIZE / side) * (Math.max(image.width, image.height) / IMG_SIZE);
  const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const x0 = clip(Math.floor((c0 - 1) * cell), image.width);
  const y0 = clip(Math.floor((r0 - 1) * cell), image.height);
  const x1 = clip(Math.ceil((c1 + 2) * cell), image.width);
  const y1 = clip(Math.ceil((r1 + 2) * cell), image.height);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

/**
 * A candidate's mask as SAM's postprocess would give it, over its bounding box only, at `rasterScale`
 * raster pixels per image pixel (≤ 1: the display scale; the canvas shows nothing finer anyway).
 */
export function candidateBitmap(logits: Float32Array, side: number, image: Size, rasterScale: number, style: MaskStyle): PlacedBitmap | null {
  const bounds = logitsBounds(logits, side, image);
  if (!bounds) return null;
  const k = Math.min(1, Math.max(rasterScale, 1 / 64));
  // The raster frame is the image at scale k; postprocess maps low-res → that frame like it maps → the image.
  const frame: Size = { width: Math.max(1, Math.round(image.width * k)), height: Math.max(1, Math.round(image.height * k)) };
  const sx = image.width / frame.width;
  const sy = image.height / frame.height;
  const region = {
    x0: Math.floor(bounds.x0 / sx),
    y0: Math.floor(bounds.y0 / sy),
    x1: Math.min(frame.width, Math.ceil(bounds.x1 / sx)),
    y1: Math.min(frame.height, Math.ceil(bounds.y1 / sy)),
  };
  const width = region.x1 - region.x0;
  const height = region.y1 - region.y0;
  if (width <= 0 || height <= 0) return null;
  // binarizeRegion decides whole blocks far from the threshold without blending them (exact, and most
  // of a mask's box is such blocks); offset 0 because only the mask is wanted, not the stability counts.
  const { mask } = binarizeRegion(logits, side, frame, region, { maskThreshold: MASK_THRESHOLD, stabilityScoreOffset: 0 });
  return { rgba: paintMask(mask.data, width, height, style), width, height, left: region.x0 * sx, top: region.y0 * sy, scaleX: sx, scaleY: sy };
}

export interface RleLike {
  /** [height, width]. */
  readonly size: readonly [number, number];
  /** pycocotools' compressed counts string (column-major). */
  readonly counts: string;
}

/**
 * An accepted annotation's mask over its bbox, sampling every `step`-th image pixel in x and y
 * (step 1 = full resolution). Walks the runs once; cost is the runs plus the sampled pixels.
 */
export function rleBitmap(rle: RleLike, bbox: readonly [number, number, number, number], step: number, style: MaskStyle): PlacedBitmap | null {
  const [h, w] = rle.size;
  const s = Math.max(1, Math.floor(step));
  const bx = Math.max(0, Math.floor(bbox[0]));
  const by = Math.max(0, Math.floor(bbox[1]));
  const bw = Math.min(w, Math.ceil(bbox[0] + bbox[2])) - bx;
  const bh = Math.min(h, Math.ceil(bbox[1] + bbox[3])) - by;
  if (bw <= 0 || bh <= 0) return null;
  const width = Math.ceil(bw / s);
  const height = Math.ceil(bh / s);
  const mask = new Uint8Array(width * height);
  const counts = decompressCounts(rle.counts);
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    const end = at + counts[i];
    if (i % 2 === 1) paintRun(mask, at, end, { h, bx, by, bw, bh, s, width });
    at = end;
  }
  return { rgba: paintMask(mask, width, height, style), width, height, left: bx, top: by, scaleX: s, scaleY: s };
}

interface RunFrame {
  readonly h: number;
  readonly bx: number;
  readonly by: number;
  readonly bw: number;
  readonly bh: number;
  readonly s: number;
  readonly width: number;
}

/** Column-major foreground run [start, end) into the sampled bbox raster. */
function paintRun(mask: Uint8Array, start: number, end: number, f: RunFrame): void {
  for (let col = Math.floor(start / f.h); col * f.h < end; col++) {
    const x = col - f.bx;
    if (x < 0 || x >= f.bw || x % f.s !== 0) continue;
    const rowStart = Math.max(start - col * f.h, 0) - f.by;
    const rowEnd = Math.min(end - col * f.h, f.h) - f.by;
    // First sampled row at or after rowStart.
    let y = Math.max(0, Math.ceil(rowStart / f.s) * f.s);
    for (; y < rowEnd && y < f.bh; y += f.s) mask[(y / f.s) * f.width + x / f.s] = 1;
  }
}

/** The whole grid as a window. */
export const gridWindow = (grid: CellGrid): CellWindow => ({ c0: 0, r0: 0, c1: grid.cols, r1: grid.rows });

/**
 * A square window around the inside cells of all the candidates (so their previews compare at one
 * scale), twice their extent and at least `minCells` wide, kept inside the grid.
 */
export function previewWindow(cellMasks: readonly Uint8Array[], grid: CellGrid, minCells = 24): CellWindow {
  const all = gridWindow(grid);
  const box = insideBox(cellMasks, grid);
  if (!box) return all;
  const extent = Math.max(minCells, 2 * Math.max(box.c1 - box.c0, box.r1 - box.r0));
  const fit = (centre: number, lo: number, hi: number) => {
    const len = Math.min(extent, hi - lo);
    const start = Math.min(Math.max(Math.round(centre - len / 2), lo), hi - len);
    return [start, start + len] as const;
  };
  const [wc0, wc1] = fit((box.c0 + box.c1) / 2, all.c0, all.c1);
  const [wr0, wr1] = fit((box.r0 + box.r1) / 2, all.r0, all.r1);
  return { c0: wc0, r0: wr0, c1: wc1, r1: wr1 };
}

/** Bounding window of the inside cells of all the masks; null when none is inside. */
function insideBox(cellMasks: readonly Uint8Array[], grid: CellGrid): CellWindow | null {
  let c0 = grid.cols;
  let c1 = -1;
  let r0 = grid.rows;
  let r1 = -1;
  for (const cells of cellMasks) {
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.cols; c++) {
        if (cells[r * grid.cols + c] !== 1) continue;
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
      }
    }
  }
  return c1 < 0 ? null : { c0, r0, c1: c1 + 1, r1: r1 + 1 };
}

/** A candidate's low-res cells as a tiny preview: 1 bitmap pixel per cell of `window` (default: the grid). */
export function lowResPreview(cells: Uint8Array, grid: CellGrid, style: MaskStyle, window: CellWindow = gridWindow(grid)): { rgba: Uint8ClampedArray; width: number; height: number } {
  const width = window.c1 - window.c0;
  const height = window.r1 - window.r0;
  const mask = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) mask.set(cells.subarray((window.r0 + r) * grid.cols + window.c0, (window.r0 + r) * grid.cols + window.c1), r * width);
  return { rgba: paintMask(mask, width, height, style), width, height };
}

/**
 * A candidate drawn from its low-res cells alone, one bitmap pixel per cell over the image: blocky,
 * shown only for the moment until its exact logits arrive (engine:candidateLogits).
 */
export function cellsBitmap(cells: Uint8Array, grid: CellGrid, side: number, image: Size, style: MaskStyle): PlacedBitmap | null {
  const box = insideBox([cells], grid);
  if (!box) return null;
  const cell = Math.max(image.width, image.height) / side;
  // The grid runs up to two cells past the image's edge: keep the bitmap on the image.
  const window = { ...box, c1: Math.min(box.c1, Math.ceil(image.width / cell)), r1: Math.min(box.r1, Math.ceil(image.height / cell)) };
  if (window.c1 <= window.c0 || window.r1 <= window.r0) return null;
  const { rgba, width, height } = lowResPreview(cells, grid, style, window);
  return { rgba, width, height, left: window.c0 * cell, top: window.r0 * cell, scaleX: cell, scaleY: cell };
}
