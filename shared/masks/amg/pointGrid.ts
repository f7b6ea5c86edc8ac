/** SAM's point grids (utils/amg.py build_point_grid, build_all_layer_point_grids). */
import type { PointGrid } from './params.js';

/**
 * n×n points evenly spaced in [0,1]², cell centres (offset 1/(2n) from the edges), x fastest:
 * row by row from the top, like SAM's tile + stack + reshape.
 */
export function buildPointGrid(nPerSide: number): PointGrid {
  const offset = 1 / (2 * nPerSide);
  // np.linspace(offset, 1 - offset, n): start + i * step, and the last value exactly the stop.
  const step = nPerSide > 1 ? (1 - offset - offset) / (nPerSide - 1) : 0;
  const side = Array.from({ length: nPerSide }, (_, i) => (i === nPerSide - 1 && nPerSide > 1 ? 1 - offset : offset + i * step));
  const grid = new Float64Array(2 * nPerSide * nPerSide);
  for (let y = 0; y < nPerSide; y++) {
    for (let x = 0; x < nPerSide; x++) {
      const k = 2 * (y * nPerSide + x);
      grid[k] = side[x];
      grid[k + 1] = side[y];
    }
  }
  return grid;
}

/** Layer i samples int(nPerSide / scalePerLayer^i) points per side. */
export function buildAllLayerPointGrids(nPerSide: number, nLayers: number, scalePerLayer: number): PointGrid[] {
  const grids: PointGrid[] = [];
  for (let i = 0; i <= nLayers; i++) grids.push(buildPointGrid(Math.trunc(nPerSide / scalePerLayer ** i)));
  return grids;
}

/** Grid points scaled to a w×h crop (SAM: `point_grids[layer] * [w, h]`), still (x, y) pairs. */
export function scaleGrid(grid: PointGrid, width: number, height: number): Float64Array {
  const out = new Float64Array(grid.length);
  for (let k = 0; k < grid.length; k += 2) {
    out[k] = grid[k] * width;
    out[k + 1] = grid[k + 1] * height;
  }
  return out;
}
