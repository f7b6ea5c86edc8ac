import { histogram, regionLogRatio } from './colourModel.js';
import { geodesicDistance } from './geodesic.js';
import { FlowGraph } from './maxflow.js';
import type { MinHeap } from './minHeap.js';
import type { PreparedImage } from './prepare.js';
import type { RegionPrompts } from './prompts.js';

export interface SegmentParams {
  /** Weight of the contrast-sensitive boundary term, per straddling pixel pair. */
  readonly lambda: number;
  /** Colour-difference gain of geodesic step lengths (0 = Euclidean). */
  readonly geoGain: number;
  readonly colourWeight: number;
  readonly priorWeight: number;
  /** Extent scale of the location prior, as a fraction of the image diagonal. */
  readonly reach: number;
  readonly iterations: number;
  readonly starConvex: boolean;
  /** Additive smoothing of the colour histograms, pixels per bin. */
  readonly alpha: number;
  /** Bound on the per-pixel colour log-ratio: colour alone never outvotes a confident location prior. */
  readonly llrClamp: number;
  /** How the colour models are weighted: 0 = by the labelling only, 1 = labelling × location confidence. */
  readonly confidence: number;
}

/** Regions this sure (prior above it) seed the first foreground colour model: colours right at the clicks. */
const INIT_PRIOR = 0.5;

/** How far a confident mask_input region moves the location prior (whose range is [-1, 1]). */
const MASK_INPUT_WEIGHT = 0.5;

/** Capacity that no finite energy outweighs: hard constraints. */
export const HARD = 1e9;

/** Per-decode state shared by the cuts of one prompt set. */
export interface SegmentContext {
  readonly prep: PreparedImage;
  readonly prompts: RegionPrompts;
  readonly distP: Float64Array;
  readonly parentP: Int32Array;
  readonly distN: Float64Array;
  readonly graph: FlowGraph;
}

export function makeContext(prep: PreparedImage, prompts: RegionPrompts, params: SegmentParams, heap: MinHeap): SegmentContext {
  // Positive paths avoid negative clicks: otherwise star convexity would cut off everything "behind" a negative
  // click, even parts of the object reachable around it.
  const pos = geodesicDistance(prep, positiveSeeds(prompts), params.geoGain, heap, prompts.negatives);
  const neg = geodesicDistance(prep, negativeSeeds(prompts), params.geoGain, heap, prompts.positives);
  const graph = new FlowGraph(prep.count, prep.graph.adjNode.length / 2 + prep.count);
  return { prep, prompts, distP: pos.distance, parentP: pos.parent, distN: neg.distance, graph };
}

/** Clicks, or the box centre when a box comes without positive clicks (GrabCut's "the object is in the middle"). */
function positiveSeeds(prompts: RegionPrompts): number[] {
  if (prompts.positives.length > 0 || prompts.boxCentre === null) return prompts.positives;
  return [prompts.boxCentre];
}

/** Negative clicks and, with a box, every region outside it: the prior then falls towards the box's sides. */
function negativeSeeds(prompts: RegionPrompts): number[] {
  const seeds = [...prompts.negatives];
  prompts.outsideBox?.forEach((outside, r) => outside && seeds.push(r));
  return seeds;
}

/**
 * Location prior in [-1, 1] from geodesic distances to the positive and negative clicks: +1 at a positive click,
 * 0 where both are equally near, -1 at a negative click. `reach` caps the negative distance, so with no negative
 * click the prior still falls to 0 at a geodesic distance of reach × diagonal.
 */
export function locationPrior(ctx: SegmentContext, reach: number): Float32Array {
  const { prep, distP, distN } = ctx;
  const cap = reach * Math.hypot(prep.width, prep.height);
  const prior = new Float32Array(prep.count);
  for (let r = 0; r < prior.length; r++) {
    const dn = Math.min(distN[r], cap);
    const dp = distP[r];
    prior[r] = dp === Infinity ? -1 : (dn - dp) / (dn + dp + 1e-6);
  }
  // An earlier mask (mask_input) leans each region its way; the clicks still decide where they disagree.
  const mask = ctx.prompts.maskPrior;
  if (mask) for (let r = 0; r < prior.length; r++) prior[r] = Math.max(-1, Math.min(1, prior[r] + MASK_INPUT_WEIGHT * Math.tanh(mask[r] / 2)));
  return prior;
}

/**
 * Colour log-ratio per region. Foreground colours come from the labelling where the location prior agrees
 * (near positive clicks); regions near negative clicks count as background even while labelled foreground, so a
 * look-alike the user clicked away stops voting for its own colours.
 */
export function colourTerm(ctx: SegmentContext, labelling: Float32Array, prior: Float32Array, params: SegmentParams): Float32Array {
  const n = labelling.length;
  const fgWeight = new Float32Array(n);
  const bgWeight = new Float32Array(n);
  const c = params.confidence;
  for (let r = 0; r < n; r++) {
    const p = prior[r];
    const sure = 1 - c + c * Math.max(0, p);
    fgWeight[r] = labelling[r] * sure;
    bgWeight[r] = 1 - labelling[r] + labelling[r] * c * Math.max(0, -p);
  }
  const llr = regionLogRatio(ctx.prep, histogram(ctx.prep, fgWeight), histogram(ctx.prep, bgWeight), params.alpha);
  for (let r = 0; r < n; r++) llr[r] = Math.max(-params.llrClamp, Math.min(params.llrClamp, llr[r]));
  return llr;
}

/**
 * One min-cut over the region graph: `unary[r]` > 0 favours foreground (already scaled by region size). Returns 1
 * for the foreground regions of the minimum-energy labelling.
 */
export function cut(ctx: SegmentContext, unary: Float32Array, params: SegmentParams): Uint8Array {
  const { prep, graph, prompts, parentP } = ctx;
  const { adjStart, adjNode, adjWeight } = prep.graph;
  graph.reset();
  for (let r = 0; r < prep.count; r++) {
    graph.addTerminal(r, Math.max(0, unary[r]), Math.max(0, -unary[r]));
    for (let e = adjStart[r]; e < adjStart[r + 1]; e++) {
      const q = adjNode[e];
      if (q > r) graph.addEdge(r, q, params.lambda * adjWeight[e], params.lambda * adjWeight[e]);
    }
    // Geodesic star convexity: a foreground region's path to its click stays foreground (no islands).
    if (params.starConvex && parentP[r] >= 0) graph.addEdge(r, parentP[r], HARD, 0);
  }
  for (const r of prompts.positives) graph.addTerminal(r, HARD, 0);
  for (const r of prompts.negatives) graph.addTerminal(r, 0, HARD);
  if (prompts.outsideBox) for (let r = 0; r < prep.count; r++) if (prompts.outsideBox[r]) graph.addTerminal(r, 0, HARD);
  graph.maxflow();
  return Uint8Array.from({ length: prep.count }, (_, r) => (graph.inSource(r) ? 1 : 0));
}

/** GrabCut-style alternation: colour models from the current labelling, then a new cut. */
export function segmentRegions(ctx: SegmentContext, params: SegmentParams, prior: Float32Array): Uint8Array {
  const { size } = ctx.prep;
  const maskPrior = ctx.prompts.maskPrior;
  let labelling: Float32Array = maskPrior ? Float32Array.from(maskPrior, (v) => (v > 0 ? 1 : 0)) : Float32Array.from(prior, (p) => (p > INIT_PRIOR ? 1 : 0));
  let mask: Uint8Array = new Uint8Array(prior.length);
  for (let it = 0; it < params.iterations; it++) {
    const colour = colourTerm(ctx, labelling, prior, params);
    const unary = new Float32Array(prior.length);
    for (let r = 0; r < unary.length; r++) unary[r] = size[r] * (params.colourWeight * colour[r] + params.priorWeight * prior[r]);
    mask = cut(ctx, unary, params);
    labelling = Float32Array.from(mask);
  }
  return mask;
}
