import type { UncompressedRle } from '../../../shared/masks/types.js';

/**
 * One column-major RLE per label value 1..maxValue from a row-major label image, in a single pass: splitting into
 * n binary masks first would cost n full images. Values above maxValue (e.g. VOC's 255 void) count as background.
 */
export function labelImageToRles(values: ArrayLike<number>, width: number, height: number, maxValue: number): UncompressedRle[] {
  const counts: number[][] = Array.from({ length: maxValue + 1 }, () => []);
  // last[v]: column-major position of v's most recent toggle (its runs alternate background / foreground).
  const last = new Float64Array(maxValue + 1);
  let prev = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let v = values[y * width + x];
      if (v > maxValue) v = 0;
      if (v === prev) continue;
      const i = x * height + y;
      if (prev !== 0) toggle(counts[prev], last, prev, i);
      if (v !== 0) toggle(counts[v], last, v, i);
      prev = v;
    }
  }
  const total = width * height;
  if (prev !== 0) toggle(counts[prev], last, prev, total);
  const rles: UncompressedRle[] = [];
  for (let v = 1; v <= maxValue; v++) {
    const c = counts[v];
    if (last[v] < total || c.length === 0) c.push(total - last[v]);
    rles.push({ size: [height, width], counts: c });
  }
  return rles;
}

function toggle(counts: number[], last: Float64Array, v: number, at: number): void {
  counts.push(at - last[v]);
  last[v] = at;
}

/** For each instance value 1..n, the most frequent class value under it (0 when it has no pixel). */
export function majorityClass(instances: ArrayLike<number>, classes: ArrayLike<number>, n: number, voidValue: number): number[] {
  const tally = new Map<number, number>();
  for (let p = 0; p < instances.length; p++) {
    const v = instances[p];
    if (v === 0 || v > n || classes[p] === voidValue) continue;
    const key = v * 65536 + classes[p];
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const best = new Array<number>(n + 1).fill(0);
  const bestCount = new Array<number>(n + 1).fill(0);
  for (const [key, count] of tally) {
    const v = Math.floor(key / 65536);
    if (count > bestCount[v]) [best[v], bestCount[v]] = [key % 65536, count];
  }
  return best;
}
