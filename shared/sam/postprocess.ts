/**
 * SAM's postprocess_masks on the CPU, for one candidate and only for the region that is needed:
 * low-res S×S logits (covering the padded IMG_SIZE frame) -> bilinear to IMG_SIZE² -> crop to the
 * ResizeLongestSide shape -> bilinear to the original (H, W), both with align_corners=False.
 * The chain is separable, so it runs as precomputed composite taps (upsampleTaps.ts): a horizontal
 * pass over the few low-res rows the region reads, then a vertical pass per region row. A 300×200
 * region of a 12 MP image never materialises the 12 MP logits.
 */
import { SamlabelError } from '../errors.js';
import type { BinaryMask } from '../masks/types.js';
import { stabilityRatio } from '../masks/stability.js';
import { IMG_SIZE, MASK_THRESHOLD, STABILITY_SCORE_OFFSET } from './constants.js';
import type { Size } from './coords.js';
import type { PixelRect } from './pixelRect.js';
import { getPreprocessShape } from './resizeLongestSide.js';
import { axisTaps, type AxisTaps } from './upsampleTaps.js';

const bad = (message: string) => new SamlabelError('BadInput', message);

function checkRegion(origSize: Size, region: PixelRect | undefined): PixelRect {
  if (!region) return { x0: 0, y0: 0, x1: origSize.width, y1: origSize.height };
  const { x0, y0, x1, y1 } = region;
  const ints = [x0, y0, x1, y1].every(Number.isInteger);
  if (!ints || x0 < 0 || y0 < 0 || x0 > x1 || y0 > y1 || x1 > origSize.width || y1 > origSize.height) {
    throw bad(`region [${x0}, ${y0}, ${x1}, ${y1}) must be integer and inside ${origSize.width}x${origSize.height}`);
  }
  return region;
}

function checkLowRes(lowRes: Float32Array, lowResSize: number): void {
  if (!Number.isInteger(lowResSize) || lowResSize < 1) throw bad(`lowResSize must be a positive integer, got ${lowResSize}`);
  if (lowRes.length !== lowResSize * lowResSize) {
    throw bad(`expected ${lowResSize}x${lowResSize} low-res logits, got ${lowRes.length} values`);
  }
  // A zero-weight tap times Infinity is NaN, so one bad value would smear over whole rows.
  for (let i = 0; i < lowRes.length; i++) {
    if (!Number.isFinite(lowRes[i])) throw bad(`low-res logit ${i} is not finite`);
  }
}

/** Weighted sum along x of the low-res rows [r0, r1]: (r1 - r0 + 1) rows × region width. */
function horizontalPass(lowRes: Float32Array, lowResSize: number, cols: AxisTaps, r0: number, r1: number): Float32Array {
  const w = cols.count.length;
  const { index: ix, weight: wt } = cols;
  const tmp = new Float32Array((r1 - r0 + 1) * w);
  for (let r = r0; r <= r1; r++) {
    const src = r * lowResSize;
    const dst = (r - r0) * w;
    for (let x = 0, b = 0; x < w; x++, b += 4) {
      tmp[dst + x] =
        wt[b] * lowRes[src + ix[b]] +
        wt[b + 1] * lowRes[src + ix[b + 1]] +
        wt[b + 2] * lowRes[src + ix[b + 2]] +
        wt[b + 3] * lowRes[src + ix[b + 3]];
    }
  }
  return tmp;
}

interface Plan {
  readonly rows: AxisTaps;
  readonly tmp: Float32Array;
  /** Low-res row that tmp's first row holds. */
  readonly r0: number;
  readonly width: number;
  readonly height: number;
}

function plan(lowRes: Float32Array, lowResSize: number, origSize: Size, region?: PixelRect): Plan {
  checkLowRes(lowRes, lowResSize);
  const crop = getPreprocessShape(origSize, IMG_SIZE); // also validates origSize
  const r = checkRegion(origSize, region);
  const rows = axisTaps({ lowRes: lowResSize, frame: IMG_SIZE, crop: crop.height, orig: origSize.height }, r.y0, r.y1);
  const cols = axisTaps({ lowRes: lowResSize, frame: IMG_SIZE, crop: crop.width, orig: origSize.width }, r.x0, r.x1);
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  if (width === 0 || height === 0) return { rows, tmp: new Float32Array(0), r0: 0, width, height };
  const tmp = horizontalPass(lowRes, lowResSize, cols, rows.minSource, rows.maxSource);
  return { rows, tmp, r0: rows.minSource, width, height };
}

/**
 * Region row y, columns [x0, x1), into out[x0..x1): blends the tmp rows that row's taps name.
 * Specialised by tap count because this loop is the whole cost of a full-image upsample.
 */
function blendRow(p: Plan, y: number, out: Float32Array, x0 = 0, x1 = p.width): void {
  const { tmp, width: w } = p;
  const { index, weight, count } = p.rows;
  const b = 4 * y;
  const a = (index[b] - p.r0) * w;
  const wa = weight[b];
  if (count[y] === 1) {
    for (let x = x0; x < x1; x++) out[x] = wa * tmp[a + x];
    return;
  }
  const c = (index[b + 1] - p.r0) * w;
  const wc = weight[b + 1];
  if (count[y] === 2) {
    for (let x = x0; x < x1; x++) out[x] = wa * tmp[a + x] + wc * tmp[c + x];
    return;
  }
  const d = (index[b + 2] - p.r0) * w;
  const e = (index[b + 3] - p.r0) * w;
  const wd = weight[b + 2];
  const we = weight[b + 3]; // 0 when only 3 taps are used; e then repeats a valid row
  for (let x = x0; x < x1; x++) out[x] = wa * tmp[a + x] + wc * tmp[c + x] + wd * tmp[d + x] + we * tmp[e + x];
}

/** Logits of SAM's postprocess_masks for `region` (default: whole image), row-major region height × width. */
export function upsampleLogits(lowRes: Float32Array, lowResSize: number, origSize: Size, region?: PixelRect): Float32Array {
  const p = plan(lowRes, lowResSize, origSize, region);
  const out = new Float32Array(p.width * p.height);
  for (let y = 0; y < p.height; y++) blendRow(p, y, out.subarray(y * p.width, (y + 1) * p.width));
  return out;
}

/** Columns per block of the min/max skip test in binarizeRegion. */
const BLOCK = 64;
/**
 * Slack on the skip test: rounding can put a blend a few ulps outside its inputs' range; near a
 * threshold the pixel is then computed exactly instead of decided by the block bound.
 */
const DECIDED_MARGIN = 1e-4;

/** Per tmp row and column block, the min and max of tmp. */
interface BlockRanges {
  readonly min: Float32Array;
  readonly max: Float32Array;
  readonly perRow: number;
}

function blockRanges(p: Plan): BlockRanges {
  const perRow = Math.ceil(p.width / BLOCK);
  const nRows = p.width === 0 ? 0 : p.tmp.length / p.width;
  const min = new Float32Array(nRows * perRow).fill(Number.POSITIVE_INFINITY);
  const max = new Float32Array(nRows * perRow).fill(Number.NEGATIVE_INFINITY);
  for (let r = 0; r < nRows; r++) {
    for (let x = 0; x < p.width; x++) {
      const v = p.tmp[r * p.width + x];
      const at = r * perRow + ((x / BLOCK) | 0);
      if (v < min[at]) min[at] = v;
      if (v > max[at]) max[at] = v;
    }
  }
  return { min, max, perRow };
}

export interface BinarizeOptions {
  /** SamPredictor.mask_threshold. */
  readonly maskThreshold?: number;
  /** SamAutomaticMaskGenerator.stability_score_offset. */
  readonly stabilityScoreOffset?: number;
}

export interface BinarizedRegion {
  /** Region-sized mask: logit > maskThreshold. */
  readonly mask: BinaryMask;
  readonly area: number;
  /** calculate_stability_score over the region's logits (0 when nothing exceeds threshold - offset). */
  readonly stabilityScore: number;
}

/** Pixel counts over a region: mask area and the two stability-score counts. */
interface Counts {
  area: number;
  intersections: number;
  unions: number;
}

interface Thresholds {
  readonly mask: number;
  readonly hi: number;
  readonly lo: number;
  /** max and min of the three, for the block skip test (offset may be negative). */
  readonly highest: number;
  readonly lowest: number;
}

/** Exact per-pixel threshold of row[x0..x1) into data[base + x]. Counters are locals so V8 keeps them in registers. */
function thresholdSpan(row: Float32Array, x0: number, x1: number, data: Uint8Array, base: number, t: Thresholds, n: Counts): void {
  const { mask, hi, lo } = t;
  let area = 0;
  let intersections = 0;
  let unions = 0;
  for (let x = x0; x < x1; x++) {
    const v = row[x];
    // +(bool) compiles branch-free in V8; `? 1 : 0` branches and is ~7x slower on noisy logits.
    const inside = +(v > mask);
    data[base + x] = inside;
    area += inside;
    intersections += +(v > hi);
    unions += +(v > lo);
  }
  n.area += area;
  n.intersections += intersections;
  n.unions += unions;
}

/** Blends and thresholds region row y over columns [x0, x1). */
function exactSpan(p: Plan, y: number, x0: number, x1: number, row: Float32Array, data: Uint8Array, t: Thresholds, n: Counts): void {
  if (x1 <= x0) return;
  blendRow(p, y, row, x0, x1);
  thresholdSpan(row, x0, x1, data, y * p.width, t, n);
}

/** -1: every pixel of the block is below all thresholds, 1: above all, 0: must be computed. */
function decideBlock(p: Plan, blocks: BlockRanges, y: number, k: number, t: Thresholds): number {
  const b = 4 * y;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < p.rows.count[y]; j++) {
    const at = (p.rows.index[b + j] - p.r0) * blocks.perRow + k;
    min = Math.min(min, blocks.min[at]);
    max = Math.max(max, blocks.max[at]);
  }
  if (min > t.highest + DECIDED_MARGIN) return 1;
  if (max < t.lowest - DECIDED_MARGIN) return -1;
  return 0;
}

/**
 * Every blended value is a convex combination (weights >= 0, sum 1) of the tmp values it reads, so a
 * block whose tmp rows all lie clearly above (or below) every threshold is decided without blending.
 * Real SAM logits are far from 0 except near the boundary, so most blocks are skipped; undecided
 * neighbouring blocks are merged into one span so noisy logits do not pay per-block overhead.
 */
function binarizeRow(p: Plan, blocks: BlockRanges, y: number, row: Float32Array, data: Uint8Array, t: Thresholds, n: Counts): void {
  const base = y * p.width;
  let spanStart = 0;
  for (let k = 0; k < blocks.perRow; k++) {
    const x0 = k * BLOCK;
    const decided = decideBlock(p, blocks, y, k, t);
    if (decided === 0) continue;
    exactSpan(p, y, spanStart, x0, row, data, t, n);
    const x1 = Math.min(p.width, x0 + BLOCK);
    spanStart = x1;
    if (decided === 1) {
      data.fill(1, base + x0, base + x1);
      n.area += x1 - x0;
      n.intersections += x1 - x0;
      n.unions += x1 - x0;
    }
  }
  exactSpan(p, y, spanStart, p.width, row, data, t, n);
}

/** upsampleLogits + threshold + area + stability in one pass, without keeping the float logits. */
export function binarizeRegion(
  lowRes: Float32Array,
  lowResSize: number,
  origSize: Size,
  region?: PixelRect,
  options: BinarizeOptions = {},
): BinarizedRegion {
  const mask = options.maskThreshold ?? MASK_THRESHOLD;
  const offset = options.stabilityScoreOffset ?? STABILITY_SCORE_OFFSET;
  const hi = mask + offset;
  const lo = mask - offset;
  const t: Thresholds = { mask, hi, lo, highest: Math.max(mask, hi, lo), lowest: Math.min(mask, hi, lo) };
  const p = plan(lowRes, lowResSize, origSize, region);
  const blocks = blockRanges(p);
  const data = new Uint8Array(p.width * p.height);
  const row = new Float32Array(p.width);
  const n: Counts = { area: 0, intersections: 0, unions: 0 };
  for (let y = 0; y < p.height; y++) binarizeRow(p, blocks, y, row, data, t, n);
  return {
    mask: { height: p.height, width: p.width, data },
    area: n.area,
    stabilityScore: stabilityRatio(n.intersections, n.unions),
  };
}

/** Candidate `index` of a [candidates, S, S] low-res logits buffer, copied (e.g. to keep as the next maskInput). */
export function lowResCandidate(lowResLogits: Float32Array, index: number, lowResSize: number): Float32Array {
  if (!Number.isInteger(lowResSize) || lowResSize < 1) throw bad(`lowResSize must be a positive integer, got ${lowResSize}`);
  const plane = lowResSize * lowResSize;
  if (lowResLogits.length % plane !== 0) {
    throw bad(`low-res logits length ${lowResLogits.length} is not a multiple of ${lowResSize}x${lowResSize}`);
  }
  const n = lowResLogits.length / plane;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw bad(`candidate index ${index} out of range 0..${n - 1}`);
  return lowResLogits.slice(index * plane, (index + 1) * plane);
}
