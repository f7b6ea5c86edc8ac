import { describe, expect, it } from 'vitest';
import { connectedComponents, removeSmallRegions } from '../../../shared/masks/amg/smallRegions.js';
import { mask, rows } from './masks.js';

describe('connected components (cv2, connectivity 8)', () => {
  it('joins diagonal neighbours and numbers labels in raster order', () => {
    const { labels, sizes } = connectedComponents(mask(['#..#', '.#.#', '....', '##..']), true);
    // The diagonal pair (0,0)-(1,1) is one component; the right column another; the bottom pair a third.
    expect(sizes).toEqual([2, 2, 2]);
    expect(Array.from(labels)).toEqual([1, 0, 0, 2, 0, 1, 0, 2, 0, 0, 0, 0, 3, 3, 0, 0]);
  });

  it('merges a U shape whose arms meet only at the bottom (union-find)', () => {
    const { sizes } = connectedComponents(mask(['#.#', '#.#', '###']), true);
    expect(sizes).toEqual([7]);
  });

  it('labels the zero pixels for holes mode', () => {
    // Background: the outer ring (8-connected through the corners) and the centre hole are separate.
    const { sizes } = connectedComponents(mask(['.....', '.###.', '.#.#.', '.###.', '.....']), false);
    expect(sizes).toEqual([16, 1]);
  });
});

/** Reference: BFS flood fill over the 8 neighbours, labels in raster order of the first pixel. */
function floodLabels(data: Uint8Array, w: number, h: number, fg: boolean): Int32Array {
  const labels = new Int32Array(w * h);
  let next = 0;
  for (let p = 0; p < w * h; p++) {
    if ((data[p] !== 0) !== fg || labels[p] !== 0) continue;
    labels[p] = ++next;
    const stack = [p];
    while (stack.length > 0) {
      const q = stack.pop() as number;
      const qx = q % w;
      const qy = Math.floor(q / w);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = qx + dx;
          const y = qy + dy;
          const n = y * w + x;
          if (x < 0 || y < 0 || x >= w || y >= h || labels[n] !== 0 || (data[n] !== 0) !== fg) continue;
          labels[n] = next;
          stack.push(n);
        }
      }
    }
  }
  return labels;
}

describe('connected components against a flood fill', () => {
  it('agree on random masks of every density, both polarities', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 60; trial++) {
      const w = 1 + Math.floor(rand() * 30);
      const h = 1 + Math.floor(rand() * 20);
      const density = rand();
      const data = Uint8Array.from({ length: w * h }, () => (rand() < density ? 1 : 0));
      for (const fg of [true, false]) {
        expect(Array.from(connectedComponents({ width: w, height: h, data }, fg).labels)).toEqual(Array.from(floodLabels(data, w, h, fg)));
      }
    }
  });
});

describe('remove_small_regions', () => {
  const ring = ['.......', '.#####.', '.#...#.', '.#.#.#.', '.#...#.', '.#####.', '.......'];

  it('fills holes smaller than the threshold', () => {
    // The hole inside the ring is 8 px (the 3×3 interior minus the dot); the outer background is 24 px.
    const small = removeSmallRegions(mask(ring), 9, 'holes');
    expect(small.changed).toBe(true);
    expect(rows(small.mask)).toEqual(['.......', '.#####.', '.#####.', '.#####.', '.#####.', '.#####.', '.......']);
    const kept = removeSmallRegions(mask(ring), 8, 'holes');
    expect(kept.changed).toBe(false);
  });

  it('removes islands smaller than the threshold', () => {
    // The ring is 16 px; the dot in the middle is an island of 1 px.
    const out = removeSmallRegions(mask(ring), 2, 'islands');
    expect(out.changed).toBe(true);
    expect(rows(out.mask)).toEqual(['.......', '.#####.', '.#...#.', '.#...#.', '.#...#.', '.#####.', '.......']);
  });

  it('keeps the largest island when every island is small', () => {
    const out = removeSmallRegions(mask(['##..#', '##...', '.....', '...##']), 100, 'islands');
    expect(rows(out.mask)).toEqual(['##...', '##...', '.....', '.....']);
  });

  it('leaves an empty mask unchanged', () => {
    const m = mask(['...', '...']);
    expect(removeSmallRegions(m, 5, 'islands')).toEqual({ mask: m, changed: false });
  });

  it('fills a small background region at the border too, as SAM does', () => {
    // The mask cuts off the 1 px corner (0,0): a background component of 1 px, a "hole" that gets filled.
    const out = removeSmallRegions(mask(['.#...', '##...', '#....']), 3, 'holes');
    expect(rows(out.mask)).toEqual(['##...', '##...', '#....']);
  });
});
