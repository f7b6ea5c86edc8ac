/**
 * utils/amg.py remove_small_regions without OpenCV: connected components of the working mask with
 * 8-connectivity (cv2.connectedComponentsWithStats(working_mask, 8)), labels numbered in raster order
 * of their first pixel, label 0 being the zero pixels.
 */
import type { BinaryMask } from '../types.js';

export type RegionMode = 'holes' | 'islands';

interface Components {
  /** Per pixel: 0 for zero pixels, else 1..count. */
  readonly labels: Int32Array;
  /** sizes[k] = pixels of label k + 1. */
  readonly sizes: number[];
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/** Joins the set of provisional label l into root's (0 = none yet); returns the new root. */
function join(parent: Int32Array, root: number, l: number): number {
  if (l === 0) return root;
  const r = find(parent, l);
  if (root === 0 || r === root) return r;
  const lo = r < root ? r : root;
  parent[r < root ? root : r] = lo;
  return lo;
}

/** Two-pass union-find labelling over the already-labelled neighbours (W, NW, N, NE). */
function provisionalLabels(data: Uint8Array, foreground: boolean, w: number, h: number): { labels: Int32Array; parent: Int32Array } {
  const labels = new Int32Array(w * h);
  const parent = new Int32Array(w * h + 1);
  let next = 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const p = row + x;
      if ((data[p] !== 0) !== foreground) continue;
      let root = x > 0 ? join(parent, 0, labels[p - 1]) : 0;
      if (y > 0) {
        if (x > 0) root = join(parent, root, labels[p - w - 1]);
        root = join(parent, root, labels[p - w]);
        if (x < w - 1) root = join(parent, root, labels[p - w + 1]);
      }
      if (root === 0) {
        root = next++;
        parent[root] = root;
      }
      labels[p] = root;
    }
  }
  return { labels, parent };
}

export function connectedComponents(mask: BinaryMask, foreground: boolean): Components {
  const { width: w, height: h, data } = mask;
  const { labels, parent } = provisionalLabels(data, foreground, w, h);
  // Roots are the smallest provisional label of each set, met first in raster order: renumber in that order.
  const final = new Int32Array(parent.length);
  const sizes: number[] = [];
  for (let p = 0; p < labels.length; p++) {
    if (labels[p] === 0) continue;
    const root = find(parent, labels[p]);
    if (final[root] === 0) {
      sizes.push(0);
      final[root] = sizes.length;
    }
    labels[p] = final[root];
    sizes[final[root] - 1]++;
  }
  return { labels, sizes };
}

/**
 * 'holes': fills background components smaller than areaThresh (any of them, also one touching the
 * border, as SAM does); 'islands': removes foreground components smaller than areaThresh, keeping the
 * largest when all are small. Returns the mask unchanged (same object) when nothing is small.
 */
export function removeSmallRegions(mask: BinaryMask, areaThresh: number, mode: RegionMode): { mask: BinaryMask; changed: boolean } {
  const correctHoles = mode === 'holes';
  const { labels, sizes } = connectedComponents(mask, !correctHoles);
  const small = new Set<number>();
  sizes.forEach((s, i) => {
    if (s < areaThresh) small.add(i + 1);
  });
  if (small.size === 0) return { mask, changed: false };
  const keep = new Uint8Array(sizes.length + 1);
  if (correctHoles) {
    // fill_labels = [0] + small: the mask's own pixels plus the small background components.
    keep[0] = 1;
    for (const l of small) keep[l] = 1;
  } else {
    for (let l = 1; l <= sizes.length; l++) keep[l] = small.has(l) ? 0 : 1;
    if (small.size === sizes.length) keep[sizes.indexOf(Math.max(...sizes)) + 1] = 1;
  }
  const data = new Uint8Array(labels.length);
  for (let p = 0; p < labels.length; p++) data[p] = keep[labels[p]];
  return { mask: { width: mask.width, height: mask.height, data }, changed: true };
}
