import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/random.js';
import type { Size } from '../../../shared/sam/coords.js';
import { cellGrid, cellMaskBytes, cropToWindow, decidingWindow, expandWindow, packCellMasks, unpackCellMask } from '../../../shared/sam/lowResCells.js';
import { binarizeRegion } from '../../../shared/sam/postprocess.js';

const SIDE = 256;

/** Smooth blobs (what a trained SAM gives): positive inside a few gaussian bumps, negative around. */
function blobs(seed: number, n: number, at?: { c: number; r: number }): Float32Array {
  const rng = mulberry32(seed);
  const out = new Float32Array(SIDE * SIDE).fill(-8);
  const centres = Array.from({ length: n }, () => ({ c: at?.c ?? rng() * SIDE, r: at?.r ?? rng() * SIDE, s: 2 + rng() * 20 }));
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      let v = -8;
      for (const b of centres) v += 16 * Math.exp(-((c - b.c) ** 2 + (r - b.r) ** 2) / (2 * b.s * b.s));
      out[r * SIDE + c] = v;
    }
  }
  return out;
}

/** Salt-and-pepper logits near 0 (what the random-weight fixtures give): the worst case, nothing to cut. */
function noise(seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: SIDE * SIDE }, () => (rng() - 0.5) * 1e-3);
}

const maskOf = (plane: Float32Array, size: Size) => binarizeRegion(plane, SIDE, size, undefined, { stabilityScoreOffset: 0 }).mask.data;

function expectSameMask(plane: Float32Array, size: Size): void {
  const grid = cellGrid(SIDE, size);
  const rebuilt = expandWindow(cropToWindow(plane, SIDE, grid), SIDE);
  const want = maskOf(plane, size);
  const got = maskOf(rebuilt, size);
  let differing = 0;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) differing++;
  expect(differing).toBe(0);
}

describe('the deciding window gives SAM postprocess the same mask', () => {
  const sizes: Size[] = [
    { width: 1024, height: 683 },
    { width: 683, height: 1024 },
    { width: 1000, height: 1 },
    { width: 7, height: 5 },
    { width: 1600, height: 1200 },
  ];
  for (const size of sizes) {
    it(`at ${size.width}×${size.height}, and at display sizes of it`, () => {
      const grid = cellGrid(SIDE, size);
      const planes = [blobs(1, 3), blobs(2, 1, { c: grid.cols - 1, r: grid.rows - 1 }), blobs(3, 1, { c: 0, r: 0 }), blobs(4, 6), noise(5)];
      for (const plane of planes) {
        expectSameMask(plane, size);
        for (const k of [0.5, 0.7071]) expectSameMask(plane, { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) });
      }
    });
  }

  it('keeps a smooth mask to a small window and a noise mask to the whole grid', () => {
    const size = { width: 1024, height: 683 };
    const grid = cellGrid(SIDE, size);
    const small = cropToWindow(blobs(9, 1, { c: 100, r: 80 }), SIDE, grid);
    expect(small.values.length).toBeLessThan(grid.cols * grid.rows * 0.1);
    const whole = cropToWindow(noise(10), SIDE, grid);
    expect(whole.window).toEqual({ c0: 0, r0: 0, c1: grid.cols, r1: grid.rows });
  });

  it('sends nothing for an empty mask, and the empty window decodes to an empty mask', () => {
    const size = { width: 640, height: 480 };
    const empty = new Float32Array(SIDE * SIDE).fill(-3);
    const cut = cropToWindow(empty, SIDE, cellGrid(SIDE, size));
    expect(cut.values.length).toBe(0);
    expect(maskOf(expandWindow(cut, SIDE), size).some((v) => v === 1)).toBe(false);
  });
});

describe('cellGrid', () => {
  it('covers every cell the image reads: values beyond it never change the mask', () => {
    for (const size of [{ width: 1024, height: 683 }, { width: 4000, height: 3000 }, { width: 300, height: 1200 }]) {
      const grid = cellGrid(SIDE, size);
      const plane = blobs(11, 4);
      const scrambled = plane.slice();
      const rng = mulberry32(12);
      for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) if (r >= grid.rows || c >= grid.cols) scrambled[r * SIDE + c] = (rng() - 0.5) * 40;
      const region = { x0: 0, y0: Math.max(0, size.height - 40), x1: size.width, y1: size.height };
      const edge = (p: Float32Array) => binarizeRegion(p, SIDE, size, region, { stabilityScoreOffset: 0 }).mask.data;
      expect(edge(scrambled)).toEqual(edge(plane));
      expect(grid.cols).toBeLessThan(SIDE + 1);
    }
  });

  it('is the image part of the frame: a 3:2 landscape uses about two thirds of the rows', () => {
    const grid = cellGrid(SIDE, { width: 1024, height: 683 });
    expect(grid.cols).toBe(SIDE);
    expect(grid.rows).toBeGreaterThanOrEqual(171);
    expect(grid.rows).toBeLessThanOrEqual(173);
  });
});

describe('packed cell masks', () => {
  it('unpack to the sign of every grid cell, per candidate', () => {
    const grid = cellGrid(SIDE, { width: 1000, height: 700 });
    const planes = [blobs(20, 2), noise(21), blobs(22, 5)];
    const all = new Float32Array(SIDE * SIDE * 3);
    planes.forEach((p, k) => all.set(p, k * SIDE * SIDE));
    const packed = packCellMasks(all, SIDE, 3, grid);
    expect(packed.length).toBe(3 * cellMaskBytes(grid));
    planes.forEach((p, k) => {
      const cells = unpackCellMask(packed, grid, k);
      for (let r = 0; r < grid.rows; r++) for (let c = 0; c < grid.cols; c++) expect(cells[r * grid.cols + c]).toBe(p[r * SIDE + c] > 0 ? 1 : 0);
    });
  });

  it('decidingWindow is empty exactly when no grid cell is inside', () => {
    const grid = { cols: 10, rows: 10 };
    const plane = new Float32Array(SIDE * SIDE).fill(-1);
    plane[50 * SIDE + 50] = 5; // outside the grid: never read
    expect(decidingWindow(plane, SIDE, grid)).toEqual({ c0: 0, r0: 0, c1: 0, r1: 0 });
    plane[5 * SIDE + 9] = 5;
    expect(decidingWindow(plane, SIDE, grid)).toEqual({ c0: 7, r0: 3, c1: 10, r1: 8 });
  });
});
