/**
 * Exact squared Euclidean distance transform (Felzenszwalb & Huttenlocher 2012) on typed arrays: distance of each
 * set cell to the nearest unset cell. `borderIsBoundary` decides whether outside the grid counts as unset.
 */

const INF = 1e20;

export function squaredDistanceToBoundary(mask: Uint8Array, width: number, height: number, borderIsBoundary: boolean): Float32Array {
  const pad = borderIsBoundary ? 1 : 0;
  const pw = width + 2 * pad;
  const ph = height + 2 * pad;
  const grid = new Float64Array(pw * ph);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) grid[(y + pad) * pw + x + pad] = mask[y * width + x] !== 0 ? INF : 0;
  }
  const f = new Float64Array(Math.max(pw, ph));
  const d = new Float64Array(f.length);
  const v = new Int32Array(f.length);
  const z = new Float64Array(f.length + 1);
  for (let x = 0; x < pw; x++) transformLine(grid, x, pw, ph, f, d, v, z);
  for (let y = 0; y < ph; y++) transformLine(grid, y * pw, 1, pw, f, d, v, z);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = Math.min(grid[(y + pad) * pw + x + pad], INF);
  }
  return out;
}

/** 1-D lower envelope of parabolas over `n` samples at `start + i·stride`, in place. */
function transformLine(grid: Float64Array, start: number, stride: number, n: number, f: Float64Array, d: Float64Array, v: Int32Array, z: Float64Array): void {
  for (let i = 0; i < n; i++) f[i] = grid[start + i * stride];
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const dq = q - v[k];
    d[q] = dq * dq + f[v[k]];
  }
  for (let i = 0; i < n; i++) grid[start + i * stride] = d[i];
}
