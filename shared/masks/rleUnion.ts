import type { UncompressedRle } from './types.js';

/**
 * Union of same-size RLE masks (pycocotools `merge` with intersect=0), computed on the runs: foreground intervals
 * of every mask are sorted and joined, so the cost is in runs, not in h×w pixels.
 */
export function unionRles(rles: readonly UncompressedRle[], h: number, w: number): UncompressedRle {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const rle of rles) {
    let pos = 0;
    rle.counts.forEach((c, j) => {
      if (j % 2 === 1 && c > 0) {
        starts.push(pos);
        ends.push(pos + c);
      }
      pos += c;
    });
  }
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  const counts: number[] = [];
  let done = 0;
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart < 0) return;
    counts.push(runStart - done, runEnd - runStart);
    done = runEnd;
  };
  for (const i of order) {
    if (runStart >= 0 && starts[i] <= runEnd) {
      runEnd = Math.max(runEnd, ends[i]);
      continue;
    }
    flush();
    [runStart, runEnd] = [starts[i], ends[i]];
  }
  flush();
  if (done < h * w || counts.length === 0) counts.push(h * w - done);
  return { size: [h, w], counts };
}
