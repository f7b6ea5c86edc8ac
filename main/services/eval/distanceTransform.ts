/**
 * Exact squared Euclidean distance transform (Felzenszwalb & Huttenlocher 2012), separable 1-D lower envelopes.
 * The eval clicker needs it to find the pixel of an error region farthest from that region's boundary.
 */

const INF = 1e20;

/**
 * Squared distance of every pixel with mask[i] != 0 to the nearest pixel with mask == 0; pixels outside the image
 * count as 0 (the image border is a boundary, as RITM pads with zeros before cv2.distanceTransform).
 * `mask` is row-major (height × width).
 */
export function squaredDistanceToBoundary(mask: Uint8Array, width: number, height: number): Float32Array {
  const pw = width + 2;
  const ph = height + 2;
  const grid = new Float64Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const inside = x > 0 && y > 0 && x <= width && y <= height && mask[(y - 1) * width + (x - 1)] !== 0;
      grid[y * pw + x] = inside ? INF : 0;
    }
  }
  const scratch = new Scratch(Math.max(pw, ph));
  for (let x = 0; x < pw; x++) transformLine(grid, x, pw, ph, scratch);
  for (let y = 0; y < ph; y++) transformLine(grid, y * pw, 1, pw, scratch);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = grid[(y + 1) * pw + (x + 1)];
  }
  return out;
}

class Scratch {
  readonly f: Float64Array;
  readonly d: Float64Array;
  readonly v: Int32Array;
  readonly z: Float64Array;
  constructor(n: number) {
    this.f = new Float64Array(n);
    this.d = new Float64Array(n);
    this.v = new Int32Array(n);
    this.z = new Float64Array(n + 1);
  }
}

/** In-place 1-D transform of `n` samples starting at `start` with `stride`. */
function transformLine(grid: Float64Array, start: number, stride: number, n: number, s: Scratch): void {
  const { f, d, v, z } = s;
  for (let i = 0; i < n; i++) f[i] = grid[start + i * stride];
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let sIntersect = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (sIntersect <= z[k]) {
      k--;
      sIntersect = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = sIntersect;
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
