import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maskToPolygons, removeCollinear, rleToPolygons, type PolygonPart } from '../../../shared/masks/polygon.js';
import { polygonsToMask } from '../../../shared/masks/polygonRaster.js';
import { decodeRle, encodeRle, maskIou } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/coco-rle/', import.meta.url));
const golden = JSON.parse(readFileSync(`${fixtures}golden.json`, 'utf8')) as {
  masks: Array<{ name: string; size: [number, number]; counts_uncompressed: number[] }>;
};

function maskFrom(rows: string[]): BinaryMask {
  const height = rows.length;
  const width = rows[0].length;
  const data = Uint8Array.from(rows.join(''), (c) => (c === '#' ? 1 : 0));
  return { height, width, data };
}

function differing(a: BinaryMask, b: BinaryMask): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) n++;
  return n;
}

const rings = (parts: PolygonPart[]): number[][] => parts.map((p) => p.ring);

/** Seeded masks of every density, some blobby (a few random rectangles), some noise. */
function randomMasks(count: number): BinaryMask[] {
  let s = 12345;
  const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, (_, k) => {
    const height = 1 + Math.floor(rnd() * 24);
    const width = 1 + Math.floor(rnd() * 24);
    const data = new Uint8Array(height * width);
    if (k % 2 === 0) {
      const p = rnd();
      for (let i = 0; i < data.length; i++) data[i] = rnd() < p ? 1 : 0;
    } else {
      for (let r = 0; r < 4; r++) {
        const [x0, y0] = [Math.floor(rnd() * width), Math.floor(rnd() * height)];
        const [x1, y1] = [x0 + Math.floor(rnd() * width), y0 + Math.floor(rnd() * height)];
        for (let y = y0; y < Math.min(y1, height); y++) data.fill(r === 3 ? 0 : 1, y * width + x0, y * width + Math.min(x1, width));
      }
    }
    return { height, width, data };
  });
}

describe('maskToPolygons', () => {
  it.each(golden.masks.map((m) => [m.name, m] as const))('traces the %s golden mask into rings that rasterise back exactly', (_n, m) => {
    const mask = decodeRle({ size: m.size, counts: m.counts_uncompressed });
    const parts = maskToPolygons(mask);
    expect(differing(polygonsToMask(rings(parts), m.size[0], m.size[1]), mask)).toBe(0);
  });

  it('keeps the hole of the ring golden mask: one part, one hole, outer alone fills it', () => {
    const m = golden.masks.find((g) => g.name === 'ring_with_hole');
    if (m === undefined) throw new Error('fixture lacks ring_with_hole');
    const mask = decodeRle({ size: m.size, counts: m.counts_uncompressed });
    const parts = maskToPolygons(mask);
    expect(parts).toHaveLength(1);
    expect(parts[0].holes).toHaveLength(1);
    expect(differing(polygonsToMask([parts[0].outer], m.size[0], m.size[1]), mask)).toBeGreaterThan(0);
    const filled = polygonsToMask([parts[0].outer], m.size[0], m.size[1]);
    const hole = polygonsToMask(parts[0].holes, m.size[0], m.size[1]);
    for (let i = 0; i < mask.data.length; i++) expect(filled.data[i] & (1 - hole.data[i])).toBe(mask.data[i]);
  });

  it('splits the three_parts golden mask into three parts, the corner pixel included', () => {
    const m = golden.masks.find((g) => g.name === 'three_parts');
    if (m === undefined) throw new Error('fixture lacks three_parts');
    expect(maskToPolygons(decodeRle({ size: m.size, counts: m.counts_uncompressed }))).toHaveLength(3);
  });

  it('traces one pixel as its four corners, clockwise on screen', () => {
    const parts = maskToPolygons(maskFrom(['...', '.#.', '...']));
    expect(parts).toEqual([{ outer: [1, 1, 2, 1, 2, 2, 1, 2], holes: [], ring: [1, 1, 2, 1, 2, 2, 1, 2] }]);
  });

  it('keeps diagonal neighbours apart (4-connected foreground) and both rasterise back', () => {
    const mask = maskFrom(['#..', '.#.', '..#']);
    const parts = maskToPolygons(mask);
    expect(parts).toHaveLength(3);
    expect(differing(polygonsToMask(rings(parts), 3, 3), mask)).toBe(0);
  });

  it('bridges nested holes and islands: ring in ring, each with its hole', () => {
    const mask = maskFrom([
      '#########',
      '#.......#',
      '#.#####.#',
      '#.#...#.#',
      '#.#...#.#',
      '#.#####.#',
      '#.......#',
      '#########',
    ]);
    const parts = maskToPolygons(mask);
    expect(parts.map((p) => p.holes.length)).toEqual([1, 1]);
    expect(differing(polygonsToMask(rings(parts), 8, 9), mask)).toBe(0);
    // The bridge is vertical: the only non-integer vertex coordinates are the bridge's x.
    const xs = parts[0].ring.filter((_, i) => i % 2 === 0 && !Number.isInteger(parts[0].ring[i]));
    expect(new Set(xs).size).toBe(1);
  });

  it('round-trips 2000 seeded random masks exactly through the bridged rings; RLE input gives the same parts', () => {
    for (const mask of randomMasks(2000)) {
      const parts = maskToPolygons(mask);
      expect(rleToPolygons(encodeRle(mask))).toEqual(parts);
      expect(differing(polygonsToMask(rings(parts), mask.height, mask.width), mask)).toBe(0);
      if (parts.every((p) => p.holes.length === 0)) {
        expect(differing(polygonsToMask(parts.map((p) => p.outer), mask.height, mask.width), mask)).toBe(0);
      }
    }
  });

  it('simplifies only when asked, keeping the shape', () => {
    const m = golden.masks.find((g) => g.name === 'big_disc');
    if (m === undefined) throw new Error('fixture lacks big_disc');
    const mask = decodeRle({ size: m.size, counts: m.counts_uncompressed });
    const exact = maskToPolygons(mask);
    const simple = maskToPolygons(mask, { epsilon: 1 });
    expect(simple[0].ring.length).toBeLessThan(exact[0].ring.length / 4);
    expect(maskIou(polygonsToMask(rings(simple), m.size[0], m.size[1]), mask)).toBeGreaterThan(0.995);
  });

  it('removes only the middle points of straight runs', () => {
    expect(removeCollinear([0, 0, 1, 0, 2, 0, 2, 1, 2, 2, 0, 2, 0, 1])).toEqual([0, 0, 2, 0, 2, 2, 0, 2]);
  });
});
