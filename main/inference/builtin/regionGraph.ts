/**
 * Region adjacency graph of a superpixel labelling, with the contrast-sensitive boundary weight of GrabCut
 * summed over the pixel pairs that straddle each boundary: Σ exp(−β‖Lab_p − Lab_q‖²). A long boundary through a
 * flat area weighs a lot (costly to cut), a boundary along a colour edge weighs little.
 */

export interface RegionGraph {
  /** CSR adjacency: neighbours of region r are adjNode[adjStart[r] .. adjStart[r+1]). Symmetric. */
  readonly adjStart: Uint32Array;
  readonly adjNode: Uint32Array;
  /** Σ exp(−β‖ΔLab‖²) over 4-connected pixel pairs across the boundary. */
  readonly adjWeight: Float32Array;
  /** Number of those pixel pairs (the boundary's length in pixels). */
  readonly adjLength: Float32Array;
}

/** GrabCut's β = 1 / (2 ⟨‖ΔLab‖²⟩) over 4-connected pixel pairs: adapts the contrast term to the image. */
export function contrastBeta(lab: Float32Array, width: number, height: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x + 1 < width) {
        sum += diff2(lab, i, i + 1);
        n++;
      }
      if (y + 1 < height) {
        sum += diff2(lab, i, i + width);
        n++;
      }
    }
  }
  return sum > 0 ? n / (2 * sum) : 1;
}

export function diff2(lab: Float32Array, p: number, q: number): number {
  const dl = lab[3 * p] - lab[3 * q];
  const da = lab[3 * p + 1] - lab[3 * q + 1];
  const db = lab[3 * p + 2] - lab[3 * q + 2];
  return dl * dl + da * da + db * db;
}

export function buildRegionGraph(labels: Int32Array, lab: Float32Array, width: number, height: number, count: number, beta: number): RegionGraph {
  // Boundary pixel pairs keyed by (min, max) region pair; a Map to a slot keeps this O(boundary pixels).
  const slots = new Map<number, number>();
  const sums: number[] = [];
  const lengths: number[] = [];
  const add = (a: number, b: number, w: number) => {
    const key = a < b ? a * count + b : b * count + a;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = sums.length;
      slots.set(key, slot);
      sums.push(0);
      lengths.push(0);
    }
    sums[slot] += w;
    lengths[slot]++;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = labels[i];
      if (x + 1 < width && labels[i + 1] !== a) add(a, labels[i + 1], Math.exp(-beta * diff2(lab, i, i + 1)));
      if (y + 1 < height && labels[i + width] !== a) add(a, labels[i + width], Math.exp(-beta * diff2(lab, i, i + width)));
    }
  }
  return toCsr(slots, sums, lengths, count);
}

function toCsr(slots: Map<number, number>, sums: number[], lengths: number[], count: number): RegionGraph {
  const degree = new Uint32Array(count);
  for (const key of slots.keys()) {
    degree[Math.floor(key / count)]++;
    degree[key % count]++;
  }
  const adjStart = new Uint32Array(count + 1);
  for (let r = 0; r < count; r++) adjStart[r + 1] = adjStart[r] + degree[r];
  const fill = adjStart.slice(0, count);
  const adjNode = new Uint32Array(adjStart[count]);
  const adjWeight = new Float32Array(adjStart[count]);
  const adjLength = new Float32Array(adjStart[count]);
  for (const [key, slot] of slots) {
    const ends = [Math.floor(key / count), key % count];
    for (const [a, b] of [ends, [ends[1], ends[0]]]) {
      adjNode[fill[a]] = b;
      adjWeight[fill[a]] = sums[slot];
      adjLength[fill[a]++] = lengths[slot];
    }
  }
  return { adjStart, adjNode, adjWeight, adjLength };
}
