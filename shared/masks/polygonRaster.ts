import { SamlabelError } from '../errors.js';
import { decodeRle } from './rle.js';
import { unionRles } from './rleUnion.js';
import type { BinaryMask, UncompressedRle } from './types.js';

/**
 * Polygon rasterisation exactly as pycocotools does it (`rleFrPoly` in maskApi.c, used by `frPyObjects`), so a COCO
 * polygon means the same pixels here as in every pycocotools-based evaluator: vertices are scaled by 5 and rounded,
 * and each crossing of a pixel-column centre by an edge toggles that column from the crossing row down (rows above
 * the image count as row 0, rows below as row h).
 *
 * pycocotools walks every 1/5-pixel step of every edge, so its work and memory grow with the polygon's extent (a
 * vertex at 4e7 walks 2e8 steps). Here each edge only visits the pixel columns it crosses inside the image, with the
 * same arithmetic at those steps, so the result is identical while the work per edge is bounded by the image width.
 * Coordinates are clipped implicitly: outside the image nothing is stored.
 */
const SCALE = 5;

/** Vertex coordinates beyond this (pixels) are refused: far past any image, and exact doubles stop near 2^53 / 5. */
export const MAX_POLYGON_COORD = 1e12;

/** Column-major RLE of one polygon (flat [x0, y0, x1, y1, ...], pixel-corner coordinates) in an h×w image. */
export function polygonToRle(poly: ArrayLike<number>, h: number, w: number): UncompressedRle {
  checkSize(h, w);
  const toggles = new Crossings(h, w);
  const k = Math.floor(poly.length / 2);
  if (k > 0) {
    const x = new Float64Array(k + 1);
    const y = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) x[j] = scaled(poly[2 * j]);
    for (let j = 0; j < k; j++) y[j] = scaled(poly[2 * j + 1]);
    x[k] = x[0];
    y[k] = y[0];
    for (let j = 0; j < k; j++) edgeCrossings(x[j], y[j], x[j + 1], y[j + 1], toggles);
  }
  return { size: [h, w], counts: togglesToCounts(toggles.sorted()) };
}

/** Union of several polygons, as pycocotools `frPyObjects` + `merge` (COCO's list of polygons). */
export function polygonsToMask(polys: ArrayLike<number>[], h: number, w: number): BinaryMask {
  return decodeRle(polygonsToRle(polys, h, w));
}

/** Same as polygonsToMask, as RLE, merged run by run (no h×w buffer). */
export function polygonsToRle(polys: ArrayLike<number>[], h: number, w: number): UncompressedRle {
  if (polys.length === 1) return polygonToRle(polys[0], h, w);
  checkSize(h, w);
  return unionRles(polys.map((p) => polygonToRle(p, h, w)), h, w);
}

function checkSize(h: number, w: number): void {
  if (!Number.isSafeInteger(h) || !Number.isSafeInteger(w) || h < 0 || w < 0 || !Number.isSafeInteger(h * w)) {
    throw new SamlabelError('BadInput', `polygon image size must be integers >= 0, got ${w}×${h}`);
  }
}

/** C's `(int)(scale * x + .5)`; only finite coordinates of sane magnitude rasterise. */
function scaled(v: number): number {
  if (!Number.isFinite(v) || Math.abs(v) > MAX_POLYGON_COORD) {
    throw new SamlabelError('BadInput', `polygon coordinate ${v} is not a finite number within ±${MAX_POLYGON_COORD}`);
  }
  return Math.trunc(SCALE * v + 0.5);
}

/**
 * Toggle positions (column-major pixel index), with a ceiling: an honest polygon, even a traced noise mask, crosses
 * each column at most once per horizontal pixel crack, so more than 2·(h+1)·w crossings is a scribble or an attack.
 */
class Crossings {
  private data = new Float64Array(64);
  private n = 0;
  private readonly limit: number;

  constructor(
    readonly h: number,
    readonly w: number,
  ) {
    this.limit = 2 * (h + 1) * w + 64;
  }

  /** A crossing of column centre `xd` (integer, in the image) between scaled rows v0 and v1. */
  add(xd: number, v0: number, v1: number): void {
    let yd = ((v0 < v1 ? v0 : v1) + 0.5) / SCALE - 0.5;
    if (yd < 0) yd = 0;
    else if (yd > this.h) yd = this.h;
    if (this.n === this.data.length) this.grow();
    this.data[this.n++] = xd * this.h + Math.ceil(yd);
  }

  /** Ascending, with the end of the image as the last toggle. */
  sorted(): Float64Array {
    const out = new Float64Array(this.n + 1);
    out.set(this.data.subarray(0, this.n));
    out[this.n] = this.h * this.w;
    return out.sort();
  }

  private grow(): void {
    if (this.n >= this.limit) {
      throw new SamlabelError('BadInput', `polygon crosses the ${this.w}×${this.h} image's columns more than ${this.limit} times`);
    }
    const bigger = new Float64Array(Math.min(this.data.length * 2, this.limit + 1));
    bigger.set(this.data);
    this.data = bigger;
  }
}

/**
 * The crossings rleFrPoly records for one edge. It walks the edge in unit steps along its major axis (t = 0..D from
 * the end with the smaller major coordinate) with the minor coordinate `trunc(start + s·t + 0.5)`; a step whose u
 * (scaled x) changes crosses column `min(u)` if that is a column centre (u = 5c + 2) of the image. The crossing set
 * does not depend on the walking direction, so only the steps at in-image column centres need visiting.
 */
function edgeCrossings(x0: number, y0: number, x1: number, y1: number, out: Crossings): void {
  const dx = Math.abs(x1 - x0);
  const dy = Math.abs(y0 - y1);
  if (dx >= dy) {
    if (dx === 0) return;
    const xs = x0 > x1 ? x1 : x0;
    const ys = x0 > x1 ? y1 : y0;
    const s = ((x0 > x1 ? y0 : y1) - ys) / dx;
    // u = xs + t steps by one: the step t → t+1 crosses column c when xs + t = 5c + 2.
    const cHi = Math.min(out.w - 1, Math.floor((xs + dx - 3) / SCALE));
    for (let c = Math.max(0, Math.ceil((xs - 2) / SCALE)); c <= cHi; c++) {
      const t = SCALE * c + 2 - xs;
      out.add(c, Math.trunc(ys + s * t + 0.5), Math.trunc(ys + s * (t + 1) + 0.5));
    }
    return;
  }
  const xs = y0 > y1 ? x1 : x0;
  const ys = y0 > y1 ? y1 : y0;
  const s = ((y0 > y1 ? x0 : x1) - xs) / dy;
  if (s === 0) return;
  const cLo = Math.max(0, Math.ceil((Math.min(xs, xs + s * dy) - 3) / SCALE));
  const cHi = Math.min(out.w - 1, Math.floor((Math.max(xs, xs + s * dy) - 1) / SCALE));
  if (cHi < cLo) return;
  // A short edge is cheapest walked step by step; a long one is solved per column it can cross.
  if (dy <= 8 * (cHi - cLo + 1)) walkSteep(xs, ys, s, dy, out);
  else for (let c = cLo; c <= cHi; c++) steepCrossing(xs, ys, s, dy, c, out);
}

/** rleFrPoly's walk of a steep edge (|s| < 1: u moves by at most one per step). */
function walkSteep(xs: number, ys: number, s: number, dy: number, out: Crossings): void {
  let u = Math.trunc(xs + 0.5);
  for (let t = 1; t <= dy; t++) {
    const next = Math.trunc(xs + s * t + 0.5);
    if (next === u) continue;
    const m = next < u ? next : u;
    if ((m - 2) % SCALE === 0 && m >= 2 && m <= SCALE * (out.w - 1) + 2) out.add((m - 2) / SCALE, ys + t - 1, ys + t);
    u = next;
  }
}

/**
 * The step of a steep edge where u passes between 5c+2 and 5c+3 (at most one: u is monotone with unit steps), found
 * from the closed form and nudged (the float estimate may be a step off; trunc flattens around zero).
 */
function steepCrossing(xs: number, ys: number, s: number, dy: number, c: number, out: Crossings): void {
  const m = SCALE * c + 2;
  const u = (t: number): number => Math.trunc(xs + s * t + 0.5);
  // Increasing u: the first t with u(t) >= m+1; decreasing: the first t with u(t) <= m.
  const past = s > 0 ? (t: number) => u(t) >= m + 1 : (t: number) => u(t) <= m;
  let t = Math.max(0, Math.min(dy, Math.floor((m + 0.5 - xs) / s)));
  while (t > 0 && past(t - 1)) t--;
  while (t <= dy && !past(t)) t++;
  if (t < 1 || t > dy) return;
  const before = u(t - 1);
  const after = u(t);
  if (Math.min(before, after) === m && Math.abs(after - before) === 1) out.add(c, ys + t - 1, ys + t);
}

/** Sorted toggle positions → run lengths; coinciding toggles cancel (rleFrPoly merges zero-length runs). */
function togglesToCounts(a: Float64Array): number[] {
  const counts: number[] = [a[0]];
  let p = a[0];
  let j = 1;
  while (j < a.length) {
    const delta = a[j] - p;
    p = a[j++];
    if (delta > 0) {
      counts.push(delta);
    } else if (j < a.length) {
      counts[counts.length - 1] += a[j] - p;
      p = a[j++];
    }
  }
  return counts;
}
