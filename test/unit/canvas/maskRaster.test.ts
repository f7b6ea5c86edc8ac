import { describe, expect, it } from 'vitest';
import { encodeRle, toCompressed } from '../../../shared/masks/rle.js';
import { upsampleLogits } from '../../../shared/sam/postprocess.js';
import { candidateBitmap, cellsBitmap, logitsBounds, lowResPreview, paintMask, parseHex, previewWindow, rleBitmap, type MaskStyle } from '../../../renderer/canvas/maskRaster.js';
import { cellGrid, packCellMasks, unpackCellMask, type CellGrid } from '../../../shared/sam/lowResCells.js';
import { mulberry32 } from '../../../shared/random.js';

const style: MaskStyle = { rgb: [200, 100, 50], fillAlpha: 0.4, outlineRgb: [10, 20, 30] };
const alphaAt = (bmp: { rgba: Uint8ClampedArray; width: number }, x: number, y: number) => bmp.rgba[(y * bmp.width + x) * 4 + 3];

/** Low-res logits with a disc of positive values around low-res cell (cx, cy). */
function discLogits(side: number, cx: number, cy: number, radius: number): Float32Array {
  const out = new Float32Array(side * side);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) out[r * side + c] = radius - Math.hypot(c - cx, r - cy);
  return out;
}

describe('paintMask', () => {
  it('fills the inside, outlines the edge, leaves the outside transparent', () => {
    const mask = new Uint8Array([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const rgba = paintMask(mask, 5, 5, style);
    const px = (x: number, y: number) => [...rgba.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([0, 0, 0, 0]);
    expect(px(1, 1)).toEqual([10, 20, 30, 255]);
    expect(px(2, 2)).toEqual([200, 100, 50, 102]);
  });

  it('matches the per-pixel definition on random masks of every shape, borders and 1-pixel sides included', () => {
    const rng = mulberry32(31);
    for (const [w, h] of [[1, 1], [1, 6], [6, 1], [2, 2], [3, 3], [9, 7], [40, 31]]) {
      const mask = Uint8Array.from({ length: w * h }, () => (rng() < 0.55 ? 1 : 0));
      const got = new Uint32Array(paintMask(mask, w, h, style).buffer);
      const fill = new Uint32Array(paintMask(new Uint8Array(9).fill(1), 3, 3, style).buffer)[4];
      const outline = new Uint32Array(paintMask(new Uint8Array([1]), 1, 1, style).buffer)[0];
      const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] === 1;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const edge = !inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1);
          const want = !inside(x, y) ? 0 : edge ? outline : fill;
          expect(got[y * w + x], `${w}x${h} at ${x},${y}`).toBe(want);
        }
      }
    }
  });

  it('parses label colours', () => {
    expect(parseHex('#ff8000')).toEqual([255, 128, 0]);
    expect(parseHex('red')).toEqual([128, 128, 128]);
  });
});

describe('rleBitmap', () => {
  function randomMask(h: number, w: number, seed: number): Uint8Array {
    const rng = mulberry32(seed);
    const data = new Uint8Array(h * w);
    // Blobs, not noise: a few rectangles.
    for (let k = 0; k < 4; k++) {
      const x0 = Math.floor(rng() * w);
      const y0 = Math.floor(rng() * h);
      const x1 = Math.min(w, x0 + 1 + Math.floor(rng() * w * 0.5));
      const y1 = Math.min(h, y0 + 1 + Math.floor(rng() * h * 0.5));
      for (let y = y0; y < y1; y++) data.fill(1, y * w + x0, y * w + x1);
    }
    return data;
  }

  it.each([1, 2, 3])('step %i samples exactly the mask pixels of its bbox', (step) => {
    for (let seed = 1; seed <= 5; seed++) {
      const h = 37;
      const w = 53;
      const data = randomMask(h, w, seed);
      const rle = toCompressed(encodeRle({ height: h, width: w, data }));
      const bbox = [5, 3, 40, 30] as const;
      const bmp = rleBitmap(rle, bbox, step, style)!;
      expect(bmp.left).toBe(5);
      expect(bmp.top).toBe(3);
      for (let j = 0; j < bmp.height; j++) {
        for (let i = 0; i < bmp.width; i++) {
          const inside = data[(3 + j * step) * w + 5 + i * step] === 1;
          expect(alphaAt(bmp, i, j) > 0, `seed ${seed} (${i}, ${j})`).toBe(inside);
        }
      }
    }
  });

  it('an empty bbox gives nothing', () => {
    const rle = toCompressed(encodeRle({ height: 4, width: 4, data: new Uint8Array(16) }));
    expect(rleBitmap(rle, [0, 0, 0, 0], 1, style)).toBeNull();
  });
});

describe('candidateBitmap', () => {
  const image = { width: 300, height: 200 };

  it('at scale 1 equals SAM postprocess (logit > 0) over the bounding box, and nothing lies outside it', () => {
    const logits = discLogits(256, 100, 60, 20);
    const full = upsampleLogits(logits, 256, image);
    const bmp = candidateBitmap(logits, 256, image, 1, style)!;
    expect(bmp.scaleX).toBe(1);
    let outsideHits = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = x - bmp.left;
        const j = y - bmp.top;
        const inBox = i >= 0 && j >= 0 && i < bmp.width && j < bmp.height;
        const positive = full[y * image.width + x] > 0;
        if (!inBox) outsideHits += positive ? 1 : 0;
        else expect(alphaAt(bmp, i, j) > 0).toBe(positive);
      }
    }
    expect(outsideHits).toBe(0);
  });

  it('at a display scale equals SAM postprocess into the scaled frame, also for noisy logits near the threshold', () => {
    const rng = mulberry32(11);
    // A disc whose rim wobbles around 0, so both decided blocks and per-pixel blending are exercised.
    const logits = discLogits(256, 120, 70, 40).map((v) => v / 8 + (rng() - 0.5) * 0.6);
    const scale = 0.7;
    const frame = { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
    const full = upsampleLogits(logits, 256, frame);
    const bmp = candidateBitmap(logits, 256, image, scale, style)!;
    const sx = image.width / frame.width;
    let checked = 0;
    for (let j = 0; j < bmp.height; j++) {
      for (let i = 0; i < bmp.width; i++) {
        const x = Math.round(bmp.left / sx) + i;
        const y = Math.round(bmp.top / (image.height / frame.height)) + j;
        expect(alphaAt(bmp, i, j) > 0, `raster (${i}, ${j})`).toBe(full[y * frame.width + x] > 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('at display scale the bitmap is smaller and covers the same image area', () => {
    const logits = discLogits(256, 100, 60, 20);
    const full = candidateBitmap(logits, 256, image, 1, style)!;
    const small = candidateBitmap(logits, 256, image, 0.25, style)!;
    expect(small.width).toBeLessThan(full.width / 3);
    expect(small.left + small.width * small.scaleX).toBeGreaterThanOrEqual(full.left + full.width - 4);
    expect(Math.abs(small.left - full.left)).toBeLessThanOrEqual(4);
  });

  it('the bounds follow the positive cells into image pixels', () => {
    // Low-res cell 100 of 256 on a 300-wide image: 300/256 image px per cell.
    const b = logitsBounds(discLogits(256, 100, 60, 3), 256, image)!;
    const cx = (100.5 * 300) / 256;
    expect(b.x0).toBeLessThan(cx);
    expect(b.x1).toBeGreaterThan(cx);
    expect(b.x1 - b.x0).toBeLessThan(15);
    expect(logitsBounds(new Float32Array(256 * 256).fill(-1), 256, image)).toBeNull();
  });

  it('the low-res preview covers the image cells only (the padding below a landscape image dropped)', () => {
    const grid = cellGrid(256, image);
    const p = lowResPreview(cellsOf(discLogits(256, 10, 10, 4), grid), grid, style);
    expect(p.width).toBe(256);
    expect(p.height).toBe(grid.rows);
    expect(grid.rows).toBeLessThan(Math.ceil((256 * 200) / 300) + 3);
  });
});

/** One byte per grid cell, 1 where the logit is > 0 (what unpackCellMask gives). */
function cellsOf(logits: Float32Array, grid: CellGrid): Uint8Array {
  return unpackCellMask(packCellMasks(logits, 256, 1, grid), grid, 0);
}

describe('previewWindow', () => {
  const image = { width: 300, height: 200 };
  const grid = cellGrid(256, image);

  it('frames all candidates at one scale, inside the grid', () => {
    const small = cellsOf(discLogits(256, 100, 60, 3), grid);
    const big = cellsOf(discLogits(256, 100, 60, 10), grid);
    const w = previewWindow([small, big], grid);
    expect(w.c1 - w.c0).toBe(w.r1 - w.r0);
    expect(w.c0).toBeLessThanOrEqual(90);
    expect(w.c1).toBeGreaterThanOrEqual(111);
    expect(w.r1).toBeLessThanOrEqual(grid.rows);
    const preview = lowResPreview(big, grid, style, w);
    expect(preview.width).toBe(w.c1 - w.c0);
    // The disc's centre cell is inside the preview and painted; a corner far from it is not.
    expect(alphaAt(preview, 100 - w.c0, 60 - w.r0)).toBeGreaterThan(0);
    expect(alphaAt(preview, 0, 0)).toBe(0);
  });

  it('is the whole grid when no candidate has a positive cell', () => {
    expect(previewWindow([cellsOf(new Float32Array(256 * 256).fill(-1), grid)], grid)).toEqual({ c0: 0, r0: 0, c1: grid.cols, r1: grid.rows });
  });
});

describe('cellsBitmap', () => {
  it('draws the inside cells blockwise at the cells’ place on the image, kept on the image', () => {
    const image = { width: 512, height: 300 };
    const grid = cellGrid(256, image);
    const cells = cellsOf(discLogits(256, 40, 30, 5), grid);
    const bmp = cellsBitmap(cells, grid, 256, image, style);
    expect(bmp).not.toBeNull();
    if (!bmp) return;
    // A cell is 512/256 = 2 image pixels here.
    expect(bmp.scaleX).toBe(2);
    expect(bmp.left).toBe((40 - 4) * 2);
    expect(bmp.top).toBe((30 - 4) * 2);
    expect(alphaAt(bmp, 4, 4)).toBeGreaterThan(0);
    const edge = cellsBitmap(cellsOf(discLogits(256, 255, 160, 30), grid), grid, 256, image, style);
    expect(edge && edge.left + edge.width * edge.scaleX).toBeLessThanOrEqual(image.width);
    expect(edge && edge.top + edge.height * edge.scaleY).toBeLessThanOrEqual(image.height);
    expect(cellsBitmap(new Uint8Array(grid.cols * grid.rows), grid, 256, image, style)).toBeNull();
  });
});
