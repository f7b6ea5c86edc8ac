/**
 * 1-D weights of SAM's postprocess_masks along one axis, as one composite filter:
 * low-res S -> bilinear to the IMG_SIZE frame -> crop to the preprocessed length -> bilinear to the
 * original length. Bilinear is separable and a crop only drops indices, so each output index of the
 * chain is a weighted sum of at most 4 low-res indices (two taps of two taps).
 */

/** Taps for a contiguous range of output indices; 4 slots each, `count` of them used (distinct, ascending). */
export interface AxisTaps {
  readonly index: Int32Array;
  readonly weight: Float64Array;
  readonly count: Uint8Array;
  /** Smallest and largest source index any used slot reads. */
  readonly minSource: number;
  readonly maxSource: number;
}

interface LinearTap {
  readonly i0: number;
  readonly i1: number;
  readonly l1: number;
}

/**
 * torch F.interpolate(mode='bilinear', align_corners=False) along one axis, for a size (not a
 * scale_factor) argument: src = (dst + 0.5) * in/out - 0.5, clamped at 0; the upper neighbour is
 * clamped to in - 1 (UpSampleKernel.cpp compute_indices_weights_linear / guard_index_and_lambda).
 */
function torchLinearTap(dst: number, inSize: number, outSize: number): LinearTap {
  const src = Math.max(0, (dst + 0.5) * (inSize / outSize) - 0.5);
  const i0 = Math.min(Math.floor(src), inSize - 1);
  const i1 = i0 < inSize - 1 ? i0 + 1 : i0;
  return { i0, i1, l1: Math.min(Math.max(src - i0, 0), 1) };
}

/** Adds weight w at source index i into the 4 slots starting at `base`, merging equal indices. */
function addTap(index: Int32Array, weight: Float64Array, base: number, used: number, i: number, w: number): number {
  if (w === 0) return used;
  let k = 0;
  while (k < used && index[base + k] < i) k++;
  if (k < used && index[base + k] === i) {
    weight[base + k] += w;
    return used;
  }
  // Keep the slots sorted so the slot layout is predictable for the blending loops.
  for (let j = used; j > k; j--) {
    index[base + j] = index[base + j - 1];
    weight[base + j] = weight[base + j - 1];
  }
  index[base + k] = i;
  weight[base + k] = w;
  return used + 1;
}

export interface AxisChain {
  /** Side of the low-res logits (S). */
  readonly lowRes: number;
  /** Side of the square model frame (IMG_SIZE). */
  readonly frame: number;
  /** Length after ResizeLongestSide (the crop inside the frame). */
  readonly crop: number;
  /** Length in the original image. */
  readonly orig: number;
}

/** Composite taps for output indices [start, end) of one axis. */
export function axisTaps(chain: AxisChain, start: number, end: number): AxisTaps {
  const n = Math.max(0, end - start);
  const index = new Int32Array(4 * n);
  const weight = new Float64Array(4 * n);
  const count = new Uint8Array(n);
  let minSource = Number.POSITIVE_INFINITY;
  let maxSource = Number.NEGATIVE_INFINITY;
  for (let o = 0; o < n; o++) {
    const outer = torchLinearTap(start + o, chain.crop, chain.orig);
    let used = 0;
    for (const [a, wa] of [[outer.i0, 1 - outer.l1], [outer.i1, outer.l1]] as const) {
      const inner = torchLinearTap(a, chain.lowRes, chain.frame);
      used = addTap(index, weight, 4 * o, used, inner.i0, wa * (1 - inner.l1));
      used = addTap(index, weight, 4 * o, used, inner.i1, wa * inner.l1);
    }
    // The four weights sum to 1, so at least one slot is used.
    count[o] = used;
    // Unused slots read a valid index with weight 0, so a fixed 4-tap loop stays in bounds.
    for (let k = used; k < 4; k++) index[4 * o + k] = index[4 * o];
    minSource = Math.min(minSource, index[4 * o]);
    maxSource = Math.max(maxSource, index[4 * o + used - 1]);
  }
  return { index, weight, count, minSource, maxSource };
}
