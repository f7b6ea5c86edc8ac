import type { BinaryMask } from '../../../shared/masks/types.js';

/** Rows of '#' (1) and '.' (0) → mask. */
export function mask(rows: string[]): BinaryMask {
  const height = rows.length;
  const width = rows[0].length;
  return { height, width, data: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)) };
}

export function rows(m: BinaryMask): string[] {
  return Array.from({ length: m.height }, (_, y) => Array.from(m.data.subarray(y * m.width, (y + 1) * m.width), (v) => (v ? '#' : '.')).join(''));
}
