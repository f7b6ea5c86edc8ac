import { MinHeap } from './minHeap.js';
import type { PreparedImage } from './prepare.js';

export interface GeodesicField {
  /** Distance of each region to the nearest seed (model-frame pixels, colour-weighted), Infinity if unreachable. */
  readonly distance: Float64Array;
  /** Previous region on the shortest path (-1 for seeds and unreachable regions): the geodesic forest. */
  readonly parent: Int32Array;
}

/**
 * Geodesic distance from seed regions over the region graph (Dijkstra). A step between adjacent regions costs
 * the centroid distance × (1 + gain · ‖ΔLab‖): paths run freely inside a uniform area and pay to cross an edge,
 * so "near a click" means "in the same area as the click" (Bai & Sapiro; Gulshan et al.'s geodesic star).
 */
export function geodesicDistance(prep: PreparedImage, seeds: readonly number[], gain: number, heap: MinHeap, blocked: readonly number[] = []): GeodesicField {
  const { count, centroid, meanLab } = prep;
  const { adjStart, adjNode } = prep.graph;
  // Float64 like the heap keys: a float32 copy rounds, and a rounded-up distance re-queues settled regions.
  const distance = new Float64Array(count).fill(Infinity);
  const parent = new Int32Array(count).fill(-1);
  const settled = new Uint8Array(count);
  // Blocked regions (the other kind of click) are never entered: paths go around them.
  for (const b of blocked) settled[b] = 1;
  heap.clear();
  for (const s of seeds) {
    settled[s] = 0;
    distance[s] = 0;
    heap.push(0, s);
  }
  while (heap.size > 0) {
    const key = heap.topKey();
    const p = heap.pop();
    if (settled[p] || key > distance[p]) continue;
    settled[p] = 1;
    for (let e = adjStart[p]; e < adjStart[p + 1]; e++) {
      const q = adjNode[e];
      const dx = centroid[2 * p] - centroid[2 * q];
      const dy = centroid[2 * p + 1] - centroid[2 * q + 1];
      const dl = meanLab[3 * p] - meanLab[3 * q];
      const da = meanLab[3 * p + 1] - meanLab[3 * q + 1];
      const db = meanLab[3 * p + 2] - meanLab[3 * q + 2];
      const d = key + Math.sqrt(dx * dx + dy * dy) * (1 + gain * Math.sqrt(dl * dl + da * da + db * db));
      if (d < distance[q]) {
        distance[q] = d;
        parent[q] = p;
        heap.push(d, q);
      }
    }
  }
  return { distance, parent };
}
