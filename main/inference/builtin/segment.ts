import { cellLogRatio, histogram } from './colourModel.js';
import { geodesicDistance } from './geodesic.js';
import { HALF_OFFSETS } from './grid.js';
import { FlowGraph } from './maxflow.js';
import { MinHeap } from './minHeap.js';
import type { PreparedImage } from './prepare.js';
import type { CellPrompts } from './prompts.js';

export interface SegmentParams {
  /** Weight of the contrast-sensitive smoothness term (per unit edge). */
  readonly lambda: number;
  /** Colour-difference gain of geodesic step lengths (0 = Euclidean). */
  readonly geoGain: number;
  readonly colourWeight: number;
  readonly priorWeight: number;
  /** Extent scale of the location prior, as a fraction of the grid diagonal. */
  readonly reach: number;
  readonly iterations: number;
  readonly starConvex: boolean;
  /** Additive smoothing of the colour histograms, pixels per bin. */
  readonly alpha: number;
}

export const HARD = 1e6;

/** Per-decode state shared by the cuts of one prompt set. */
export interface SegmentContext {
  readonly prep: PreparedImage;
  readonly prompts: CellPrompts;
  readonly beta: number;
  readonly distP: Float32Array;
  readonly parentP: Int32Array;
  readonly distN: Float32Array;
  readonly graph: FlowGraph;
}

export function makeContext(prep: PreparedImage, prompts: CellPrompts, params: SegmentParams, heap: MinHeap): SegmentContext {
  const grid = { width: prep.gridW, height: prep.gridH };
  const pos = geodesicDistance(grid, prep.cellLab, prompts.positives, params.geoGain, heap);
  const neg = geodesicDistance(grid, prep.cellLab, prompts.negatives, params.geoGain, heap);
  const cells = prep.gridW * prep.gridH;
  const graph = new FlowGraph(cells, cells * 5);
  return { prep, prompts, beta: contrastBeta(prep), distP: pos.distance, parentP: pos.parent, distN: neg.distance, graph };
}

/** GrabCut's β = 1 / (2 ⟨‖Δcolour‖²⟩): makes the smoothness term adapt to the image's overall contrast. */
export function contrastBeta(prep: PreparedImage): number {
  const { gridW: w, gridH: h, cellLab: lab } = prep;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (x + 1 < w) {
        sum += diff2(lab, p, p + 1);
        n++;
      }
      if (y + 1 < h) {
        sum += diff2(lab, p, p + w);
        n++;
      }
    }
  }
  return n > 0 && sum > 0 ? n / (2 * sum) : 1;
}

export function diff2(lab: Float32Array, p: number, q: number): number {
  const dl = lab[3 * p] - lab[3 * q];
  const da = lab[3 * p + 1] - lab[3 * q + 1];
  const db = lab[3 * p + 2] - lab[3 * q + 2];
  return dl * dl + da * da + db * db;
}

/**
 * Location prior in [-1, 1] from geodesic distances to the positive and negative clicks: +1 at a positive click,
 * 0 where both are equally near, -1 at a negative click. `reach` caps the negative distance, so with no negative
 * click the prior still falls to 0 at a geodesic distance of reach × diagonal.
 */
export function locationPrior(ctx: SegmentContext, reach: number): Float32Array {
  const { prep, distP, distN } = ctx;
  const cap = reach * Math.hypot(prep.gridW, prep.gridH);
  const prior = new Float32Array(distP.length);
  for (let c = 0; c < prior.length; c++) {
    const dn = Math.min(distN[c], cap);
    const dp = distP[c];
    prior[c] = dp === Infinity ? -1 : (dn - dp) / (dn + dp + 1e-6);
  }
  return prior;
}

/** Colour log-ratio from soft region weights (fg weight w, bg weight 1 − w + floor). */
export function colourTerm(ctx: SegmentContext, fgWeight: Float32Array, params: SegmentParams): Float32Array {
  const bgWeight = new Float32Array(fgWeight.length);
  for (let c = 0; c < fgWeight.length; c++) bgWeight[c] = 1 - fgWeight[c];
  const fg = histogram(ctx.prep, fgWeight);
  const bg = histogram(ctx.prep, bgWeight);
  return cellLogRatio(ctx.prep, fg, bg, params.alpha);
}

/** One min-cut: unary > 0 favours foreground; returns the foreground cells (1) of the minimum-energy labelling. */
export function cut(ctx: SegmentContext, unary: Float32Array, params: SegmentParams): Uint8Array {
  const { prep, graph, prompts, beta, parentP } = ctx;
  const { gridW: w, gridH: h, cellLab: lab } = prep;
  graph.reset();
  for (let c = 0; c < unary.length; c++) graph.addTerminal(c, Math.max(0, unary[c]), Math.max(0, -unary[c]));
  for (const c of prompts.positives) graph.addTerminal(c, HARD, 0);
  for (const c of prompts.negatives) graph.addTerminal(c, 0, HARD);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      for (const [dx, dy] of HALF_OFFSETS) {
        const qx = x + dx;
        const qy = y + dy;
        if (qx < 0 || qx >= w || qy >= h) continue;
        const q = qy * w + qx;
        const wpq = (params.lambda * Math.exp(-beta * diff2(lab, p, q))) / (dx !== 0 && dy !== 0 ? Math.SQRT2 : 1);
        graph.addEdge(p, q, wpq, wpq);
      }
      // Geodesic star convexity: a foreground cell's path to its click stays foreground (no islands, no leaks
      // through a single cell).
      if (params.starConvex && parentP[p] >= 0) graph.addEdge(p, parentP[p], HARD, 0);
    }
  }
  graph.maxflow();
  const out = new Uint8Array(w * h);
  for (let c = 0; c < out.length; c++) out[c] = graph.inSource(c) ? 1 : 0;
  return out;
}

/** GrabCut-style alternation: colour models from the current labelling, then a new cut. */
export function segmentCells(ctx: SegmentContext, params: SegmentParams, prior: Float32Array): Uint8Array {
  const n = prior.length;
  let fgWeight = new Float32Array(n);
  for (let c = 0; c < n; c++) fgWeight[c] = prior[c] > 0 ? prior[c] : 0;
  let mask = new Uint8Array(n);
  for (let it = 0; it < params.iterations; it++) {
    const colour = colourTerm(ctx, fgWeight, params);
    const unary = new Float32Array(n);
    for (let c = 0; c < n; c++) unary[c] = params.colourWeight * colour[c] + params.priorWeight * prior[c];
    mask = cut(ctx, unary, params);
    fgWeight = Float32Array.from(mask);
  }
  return mask;
}

export { MinHeap };
