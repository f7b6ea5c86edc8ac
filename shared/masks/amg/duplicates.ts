/**
 * One object often yields nested (part / whole) or near-identical masks, because SAM answers every
 * point with three ambiguity levels. SAM keeps all of them; these strategies thin them out:
 * - keep_largest: drop a mask mostly inside (intersection / own area > t) a larger kept mask;
 * - keep_smallest: drop a mask that mostly contains (intersection / other's area > t) a smaller kept mask;
 * - merge: union the masks of each group whose pairwise IoU > t (transitively).
 * Every strategy returns the masks sorted by area, largest first (ties keep their order).
 */
import type { ImageMask } from './maskData.js';
import type { DuplicateStrategy } from './params.js';
import { rleAreaOf, rleIntersectionArea, rleUnion } from './rleOps.js';
import { rleToBoxXyxy } from './maskBox.js';

interface Sized {
  readonly mask: ImageMask;
  readonly area: number;
  readonly index: number;
}

const boxesOverlap = (a: ImageMask, b: ImageMask): boolean =>
  a.boxXyxy[0] <= b.boxXyxy[2] && b.boxXyxy[0] <= a.boxXyxy[2] && a.boxXyxy[1] <= b.boxXyxy[3] && b.boxXyxy[1] <= a.boxXyxy[3];

function intersection(a: ImageMask, b: ImageMask): number {
  return boxesOverlap(a, b) ? rleIntersectionArea(a.rle, b.rle) : 0;
}

function byArea(masks: readonly ImageMask[]): Sized[] {
  return masks.map((mask, index) => ({ mask, area: rleAreaOf(mask.rle), index })).sort((a, b) => b.area - a.area || a.index - b.index);
}

function keepLargest(sorted: Sized[], t: number): Sized[] {
  const kept: Sized[] = [];
  for (const s of sorted) {
    if (kept.every((k) => !(s.area > 0 && intersection(s.mask, k.mask) / s.area > t))) kept.push(s);
  }
  return kept;
}

function keepSmallest(sorted: Sized[], t: number): Sized[] {
  const kept: Sized[] = [];
  for (const s of [...sorted].reverse()) {
    if (kept.every((k) => !(k.area > 0 && intersection(s.mask, k.mask) / k.area > t))) kept.push(s);
  }
  return kept.reverse();
}

function root(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
}

function mergeGroup(group: Sized[]): ImageMask {
  const [first, ...rest] = group;
  let rle = first.mask.rle;
  for (const s of rest) rle = rleUnion(rle, s.mask.rle);
  return {
    rle,
    boxXyxy: rleToBoxXyxy(rle),
    predictedIou: Math.max(...group.map((s) => s.mask.predictedIou)),
    stabilityScore: Math.max(...group.map((s) => s.mask.stabilityScore)),
    pointCoords: group.flatMap((s) => s.mask.pointCoords),
    cropBox: first.mask.cropBox,
  };
}

function merge(sorted: Sized[], t: number): Sized[] {
  const parent = sorted.map((_, i) => i);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const inter = intersection(sorted[i].mask, sorted[j].mask);
      const union = sorted[i].area + sorted[j].area - inter;
      if (union > 0 && inter / union > t) parent[root(parent, j)] = root(parent, i);
    }
  }
  const groups = new Map<number, Sized[]>();
  sorted.forEach((s, i) => groups.set(root(parent, i), [...(groups.get(root(parent, i)) ?? []), s]));
  const merged = [...groups.values()].map((g) => {
    const mask = g.length === 1 ? g[0].mask : mergeGroup(g);
    return { mask, area: rleAreaOf(mask.rle), index: g[0].index };
  });
  return merged.sort((a, b) => b.area - a.area || a.index - b.index);
}

export function applyDuplicateStrategy(masks: readonly ImageMask[], strategy: DuplicateStrategy, thresh: number): ImageMask[] {
  const sorted = byArea(masks);
  const out = strategy === 'keep_largest' ? keepLargest(sorted, thresh) : strategy === 'keep_smallest' ? keepSmallest(sorted, thresh) : strategy === 'merge' ? merge(sorted, thresh) : sorted;
  return out.map((s) => s.mask);
}
