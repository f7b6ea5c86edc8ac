import { OFFSETS_8, type Grid } from './grid.js';
import { MinHeap } from './minHeap.js';

export interface GeodesicField {
  /** Distance of each cell to the nearest seed, Infinity where unreachable. */
  readonly distance: Float32Array;
  /** Previous cell on the shortest path (-1 for seeds and unreachable cells): the geodesic forest. */
  readonly parent: Int32Array;
}

/**
 * Geodesic distance from seed cells over the 8-connected grid (Dijkstra). The length of a step p→q is
 * step · (1 + gain · ‖colour_p − colour_q‖): paths run freely inside a uniform region and pay to cross an edge,
 * so "near a click" means "in the same region as the click" (Bai & Sapiro; Gulshan et al.'s geodesic star).
 */
export function geodesicDistance(grid: Grid, lab: Float32Array, seeds: readonly number[], gain: number, heap: MinHeap): GeodesicField {
  const { width, height } = grid;
  const n = width * height;
  const distance = new Float32Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  heap.clear();
  for (const s of seeds) {
    distance[s] = 0;
    heap.push(0, s);
  }
  while (heap.size > 0) {
    const key = heap.topKey();
    const p = heap.pop();
    if (done[p] || key > distance[p]) continue;
    done[p] = 1;
    const px = p % width;
    const py = (p - px) / width;
    for (const [dx, dy, step] of OFFSETS_8) {
      const qx = px + dx;
      const qy = py + dy;
      if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
      const q = qy * width + qx;
      if (done[q]) continue;
      const dl = lab[3 * p] - lab[3 * q];
      const da = lab[3 * p + 1] - lab[3 * q + 1];
      const db = lab[3 * p + 2] - lab[3 * q + 2];
      const d = key + step * (1 + gain * Math.sqrt(dl * dl + da * da + db * db));
      if (d < distance[q]) {
        distance[q] = d;
        parent[q] = p;
        heap.push(d, q);
      }
    }
  }
  return { distance, parent };
}
