/** The model's working lattice: `width × height` cells, row-major, 8-connected. */
export interface Grid {
  readonly width: number;
  readonly height: number;
}

/** Forward half of the 8-neighbourhood (E, S, SE, SW): each undirected edge is visited once from its first cell. */
export const HALF_OFFSETS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 1],
];

/** All 8 neighbours with their Euclidean step lengths. */
export const OFFSETS_8: readonly (readonly [number, number, number])[] = [
  [1, 0, 1],
  [-1, 0, 1],
  [0, 1, 1],
  [0, -1, 1],
  [1, 1, Math.SQRT2],
  [-1, 1, Math.SQRT2],
  [1, -1, Math.SQRT2],
  [-1, -1, Math.SQRT2],
];
