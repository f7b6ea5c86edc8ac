/**
 * SLIC superpixels (Achanta et al., PAMI 2012): k-means in (L, a, b, x, y) restricted to a 2S×2S window around
 * each centre, then a connectivity pass. Regions of a few hundred pixels that hug colour edges: the model's nodes,
 * so a decode cuts a graph of ~2k nodes instead of ~10^5 pixels.
 */

export interface Superpixels {
  readonly count: number;
  /** Superpixel id of every pixel (row-major). */
  readonly labels: Int32Array;
}

export interface SlicOptions {
  readonly regions: number;
  /** Colour vs. space trade-off (Lab units per grid step); lower hugs edges more. */
  readonly compactness: number;
  readonly iterations: number;
}

export function slic(lab: Float32Array, width: number, height: number, options: SlicOptions): Superpixels {
  const step = Math.max(2, Math.sqrt((width * height) / options.regions));
  const centres = initialCentres(lab, width, height, step);
  const labels = new Int32Array(width * height).fill(-1);
  const best = new Float32Array(width * height);
  const spatial = (options.compactness / step) ** 2;
  const planes = splitPlanes(lab, width * height);
  for (let it = 0; it < options.iterations; it++) {
    best.fill(Infinity);
    assign(planes, width, height, centres, step, spatial, labels, best);
    updateCentres(lab, width, height, labels, centres);
  }
  return enforceConnectivity(labels, lab, width, height, Math.max(4, Math.floor((step * step) / 4)));
}

/** Centres as [L, a, b, x, y] on a regular grid, nudged to the lowest-gradient pixel of their 3×3 neighbourhood. */
function initialCentres(lab: Float32Array, width: number, height: number, step: number): Float32Array {
  const nx = Math.max(1, Math.round(width / step));
  const ny = Math.max(1, Math.round(height / step));
  const centres = new Float32Array(nx * ny * 5);
  let k = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let cx = Math.min(width - 1, Math.floor(((i + 0.5) * width) / nx));
      let cy = Math.min(height - 1, Math.floor(((j + 0.5) * height) / ny));
      [cx, cy] = lowestGradient(lab, width, height, cx, cy);
      const p = 3 * (cy * width + cx);
      centres.set([lab[p], lab[p + 1], lab[p + 2], cx, cy], 5 * k++);
    }
  }
  return centres;
}

function lowestGradient(lab: Float32Array, width: number, height: number, cx: number, cy: number): [number, number] {
  let best: [number, number] = [cx, cy];
  let bestG = Infinity;
  for (let y = Math.max(1, cy - 1); y <= Math.min(height - 2, cy + 1); y++) {
    for (let x = Math.max(1, cx - 1); x <= Math.min(width - 2, cx + 1); x++) {
      const gx = 3 * (y * width + x + 1);
      const gxm = 3 * (y * width + x - 1);
      const gy = 3 * ((y + 1) * width + x);
      const gym = 3 * ((y - 1) * width + x);
      let g = 0;
      for (let c = 0; c < 3; c++) g += (lab[gx + c] - lab[gxm + c]) ** 2 + (lab[gy + c] - lab[gym + c]) ** 2;
      if (g < bestG) {
        bestG = g;
        best = [x, y];
      }
    }
  }
  return best;
}

/** One assignment pass; the Lab planes are split (L, a, b) so the inner loop reads three sequential streams. */
function assign(planes: Float32Array[], width: number, height: number, centres: Float32Array, step: number, spatial: number, labels: Int32Array, best: Float32Array): void {
  const [pl, pa, pb] = planes;
  const k = centres.length / 5;
  const r = Math.ceil(step);
  for (let c = 0; c < k; c++) {
    const L = centres[5 * c];
    const A = centres[5 * c + 1];
    const B = centres[5 * c + 2];
    const cx = centres[5 * c + 3];
    const cy = centres[5 * c + 4];
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(width - 1, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(height - 1, Math.ceil(cy + r));
    for (let y = y0; y <= y1; y++) {
      const dy2 = spatial * (y - cy) * (y - cy);
      const row = y * width;
      for (let x = x0; x <= x1; x++) {
        const i = row + x;
        const dl = pl[i] - L;
        const da = pa[i] - A;
        const db = pb[i] - B;
        const dx = x - cx;
        const d = dl * dl + da * da + db * db + spatial * dx * dx + dy2;
        if (d < best[i]) {
          best[i] = d;
          labels[i] = c;
        }
      }
    }
  }
}

function splitPlanes(lab: Float32Array, n: number): Float32Array[] {
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    planes[0][i] = lab[3 * i];
    planes[1][i] = lab[3 * i + 1];
    planes[2][i] = lab[3 * i + 2];
  }
  return planes;
}

function updateCentres(lab: Float32Array, width: number, height: number, labels: Int32Array, centres: Float32Array): void {
  const k = centres.length / 5;
  const sum = new Float64Array(k * 6);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const c = labels[i];
      if (c < 0) continue;
      const o = 6 * c;
      sum[o] += lab[3 * i];
      sum[o + 1] += lab[3 * i + 1];
      sum[o + 2] += lab[3 * i + 2];
      sum[o + 3] += x;
      sum[o + 4] += y;
      sum[o + 5]++;
    }
  }
  for (let c = 0; c < k; c++) {
    const n = sum[6 * c + 5];
    if (n === 0) continue;
    for (let j = 0; j < 5; j++) centres[5 * c + j] = sum[6 * c + j] / n;
  }
}

/**
 * Relabels 4-connected components so every superpixel is one piece (SLIC's standard post-pass). A piece smaller
 * than `minSize` joins the already-labelled neighbour of closest mean colour: joining simply the first neighbour
 * (as the reference code does) glues speckle from one side of a strong edge onto the other. Ids are dense.
 */
function enforceConnectivity(labels: Int32Array, lab: Float32Array, width: number, height: number, minSize: number): Superpixels {
  const n = width * height;
  const out = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  // Per region id: Lab sum ×3 and pixel count (a few thousand ids; grows as ids are handed out).
  const sums: number[] = [];
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (out[start] >= 0) continue;
    const size = floodComponent(labels, out, width, height, start, count, queue);
    const mean = componentMean(lab, queue, size);
    const into = size < minSize ? closestNeighbour(out, width, height, queue, size, count, mean, sums) : -1;
    const id = into >= 0 ? into : count++;
    if (into >= 0) for (let j = 0; j < size; j++) out[queue[j]] = into;
    else sums.push(0, 0, 0, 0);
    for (let c = 0; c < 3; c++) sums[4 * id + c] += mean[c] * size;
    sums[4 * id + 3] += size;
  }
  return { count, labels: out };
}

function componentMean(lab: Float32Array, queue: Int32Array, size: number): [number, number, number] {
  const m: [number, number, number] = [0, 0, 0];
  for (let j = 0; j < size; j++) for (let c = 0; c < 3; c++) m[c] += lab[3 * queue[j] + c];
  return [m[0] / size, m[1] / size, m[2] / size];
}

/** Among labelled regions 4-adjacent to the component, the one whose mean Lab is closest to `mean`; -1 if none. */
function closestNeighbour(out: Int32Array, width: number, height: number, queue: Int32Array, size: number, self: number, mean: number[], sums: number[]): number {
  let best = -1;
  let bestD = Infinity;
  const consider = (j: number) => {
    const r = out[j];
    if (r < 0 || r === self) return;
    let d = 0;
    for (let c = 0; c < 3; c++) d += (sums[4 * r + c] / sums[4 * r + 3] - mean[c]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  };
  for (let k = 0; k < size; k++) {
    const i = queue[k];
    const x = i % width;
    if (x > 0) consider(i - 1);
    if (x + 1 < width) consider(i + 1);
    if (i >= width) consider(i - width);
    if (i + width < width * height) consider(i + width);
  }
  return best;
}

/** BFS over pixels with the same SLIC label; writes `id` into `out`; the component's pixels end up in `queue`. */
function floodComponent(labels: Int32Array, out: Int32Array, width: number, height: number, start: number, id: number, queue: Int32Array): number {
  const target = labels[start];
  let tail = 0;
  queue[tail++] = start;
  out[start] = id;
  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    const x = i % width;
    if (x > 0) tail = visit(i - 1, labels, out, target, id, queue, tail);
    if (x + 1 < width) tail = visit(i + 1, labels, out, target, id, queue, tail);
    if (i >= width) tail = visit(i - width, labels, out, target, id, queue, tail);
    if (i + width < width * height) tail = visit(i + width, labels, out, target, id, queue, tail);
  }
  return tail;
}

function visit(j: number, labels: Int32Array, out: Int32Array, target: number, id: number, queue: Int32Array, tail: number): number {
  if (out[j] >= 0 || labels[j] !== target) return tail;
  out[j] = id;
  queue[tail] = j;
  return tail + 1;
}
