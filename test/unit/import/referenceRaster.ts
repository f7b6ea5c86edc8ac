import type { UncompressedRle } from '../../../shared/masks/types.js';
/* The rasteriser as it was before windowing (commit 5c1cc1a): a straight port of pycocotools' rleFrPoly that walks
 * every sub-step of every edge. Kept as the reference the bounded rasteriser must agree with, pixel for pixel. */

/**
 * Polygon rasterisation exactly as pycocotools does it (`rleFrPoly` in maskApi.c, used by `frPyObjects`), so a COCO
 * polygon means the same pixels here as in every pycocotools-based evaluator: vertices are scaled by 5 and rounded,
 * the edges walked densely, and each crossing of a pixel-column centre toggles the column from that row down.
 * Every step (C casts as Math.trunc, the double arithmetic in the same order) mirrors the C source.
 */
const SCALE = 5;


/** pycocotools rleFrPoly, unbounded: tests only, on polygons of modest extent. */
export function referencePolygonToRle(poly: ArrayLike<number>, h: number, w: number): UncompressedRle {
  const { u, v } = walkEdges(poly);
  const toggles = columnCrossings(u, v, h, w);
  return { size: [h, w], counts: togglesToCounts(toggles) };
}

/** Upsampled integer points along every edge, start and end included (so junctions repeat), as in rleFrPoly. */
function walkEdges(poly: ArrayLike<number>): { u: Int32Array; v: Int32Array } {
  const k = Math.floor(poly.length / 2);
  const x = new Int32Array(k + 1);
  const y = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) x[j] = Math.trunc(SCALE * poly[2 * j] + 0.5);
  for (let j = 0; j < k; j++) y[j] = Math.trunc(SCALE * poly[2 * j + 1] + 0.5);
  x[k] = x[0];
  y[k] = y[0];
  let m = 0;
  for (let j = 0; j < k; j++) m += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  m = 0;
  for (let j = 0; j < k; j++) m = walkEdge(x[j], y[j], x[j + 1], y[j + 1], u, v, m);
  return { u, v };
}

function walkEdge(x0: number, y0: number, x1: number, y1: number, u: Int32Array, v: Int32Array, m: number): number {
  let xs = x0;
  let xe = x1;
  let ys = y0;
  let ye = y1;
  const dx = Math.abs(xe - xs);
  const dy = Math.abs(ys - ye);
  const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
  if (flip) [xs, xe, ys, ye] = [xe, xs, ye, ys];
  // A zero-length edge divides 0 by 0 in C too; its one point repeats the previous u, so its v is never read.
  const s = dx >= dy ? (dx === 0 ? 0 : (ye - ys) / dx) : (xe - xs) / dy;
  if (dx >= dy) {
    for (let d = 0; d <= dx; d++) {
      const t = flip ? dx - d : d;
      u[m] = t + xs;
      v[m++] = Math.trunc(ys + s * t + 0.5);
    }
  } else {
    for (let d = 0; d <= dy; d++) {
      const t = flip ? dy - d : d;
      v[m] = t + ys;
      u[m++] = Math.trunc(xs + s * t + 0.5);
    }
  }
  return m;
}

/** Column-major positions where the boundary crosses a pixel-column centre, downsampled back to pixels. */
function columnCrossings(u: Int32Array, v: Int32Array, h: number, w: number): Float64Array {
  const out: number[] = [];
  for (let j = 1; j < u.length; j++) {
    if (u[j] === u[j - 1]) continue;
    let xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
    xd = (xd + 0.5) / SCALE - 0.5;
    if (Math.floor(xd) !== xd || xd < 0 || xd > w - 1) continue;
    let yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
    yd = (yd + 0.5) / SCALE - 0.5;
    if (yd < 0) yd = 0;
    else if (yd > h) yd = h;
    yd = Math.ceil(yd);
    out.push(xd * h + yd);
  }
  out.push(h * w);
  return Float64Array.from(out).sort();
}

/** Sorted toggle positions → run lengths; coinciding toggles cancel (rleFrPoly merges zero-length runs). */
function togglesToCounts(a: Float64Array): number[] {
  const deltas = new Array<number>(a.length);
  let p = 0;
  for (let j = 0; j < a.length; j++) {
    deltas[j] = a[j] - p;
    p = a[j];
  }
  const counts: number[] = [deltas[0]];
  let j = 1;
  while (j < deltas.length) {
    if (deltas[j] > 0) {
      counts.push(deltas[j++]);
    } else {
      j++;
      if (j < deltas.length) counts[counts.length - 1] += deltas[j++];
    }
  }
  return counts;
}
