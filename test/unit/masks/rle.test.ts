import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compressCounts,
  decodeRle,
  decompressCounts,
  encodeRle,
  maskBbox,
  maskIou,
  rleArea,
  rleIou,
  rleToBbox,
  toCompressed,
  toUncompressed,
} from '../../../shared/masks/rle.js';
import type { BinaryMask, UncompressedRle } from '../../../shared/masks/types.js';
import { expectBadInput } from '../sam/expectBadInput.js';
import { mulberry32 } from '../../../shared/random.js';

const FIXTURES = '/work/shared/fixtures/coco-rle';

interface GoldenMask {
  name: string;
  png: string;
  size: [number, number];
  counts_uncompressed: number[];
  counts_compressed: string;
  area: number;
  bbox_xywh: [number, number, number, number];
}

interface GoldenPolygon {
  name: string;
  png: string;
  size: [number, number];
  area_of_rasterised_mask: number;
  counts_compressed: string;
}

const golden = JSON.parse(readFileSync(`${FIXTURES}/golden.json`, 'utf8')) as { masks: GoldenMask[]; polygons: GoldenPolygon[] };

/** PNG (0 background, 255 object) -> row-major 0/1 mask. */
async function readMask(png: string): Promise<BinaryMask> {
  const { data, info } = await sharp(`${FIXTURES}/${png}`).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return { height: info.height, width: info.width, data: Uint8Array.from(data, (v) => (v > 127 ? 1 : 0)) };
}

/** Fast equality for big masks and count lists; vitest's deep toEqual takes seconds on megabyte arrays. */
function expectSameMask(actual: BinaryMask, expected: BinaryMask): void {
  expect([actual.height, actual.width]).toEqual([expected.height, expected.width]);
  expect(actual.data.length).toBe(expected.data.length);
  const same = Buffer.from(actual.data.buffer, actual.data.byteOffset, actual.data.length).equals(Buffer.from(expected.data));
  if (!same) expect(Array.from(actual.data)).toEqual(Array.from(expected.data)); // shows the diff
}

function expectSameCounts(actual: readonly number[], expected: readonly number[]): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const pngs = new Map<string, BinaryMask>();
beforeAll(async () => {
  for (const g of [...golden.masks, ...golden.polygons]) pngs.set(g.png, await readMask(g.png));
});

describe('RLE against pycocotools goldens', () => {
  it('has the expected fixtures', () => {
    expect(golden.masks.map((m) => m.name)).toEqual(['empty', 'full', 'rect', 'ring_with_hole', 'three_parts', 'noise', 'big_disc']);
    expect(golden.polygons.length).toBe(2);
  });

  describe.each(golden.masks.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const uncompressed = (): UncompressedRle => ({ size: g.size, counts: g.counts_uncompressed });
    const compressed = () => ({ size: g.size, counts: g.counts_compressed });

    it('encodes the PNG to the uncompressed counts', () => {
      const mask = pngs.get(g.png)!;
      expect([mask.height, mask.width]).toEqual(g.size);
      const rle = encodeRle(mask);
      expect(rle.size).toEqual(g.size);
      expectSameCounts(rle.counts, g.counts_uncompressed);
    });

    it('compresses to the pycocotools string and back', () => {
      expect(compressCounts(g.counts_uncompressed)).toBe(g.counts_compressed);
      expectSameCounts(decompressCounts(g.counts_compressed), g.counts_uncompressed);
      expect(toCompressed(uncompressed())).toEqual(compressed());
      expect(toCompressed(compressed())).toEqual(compressed());
      const back = toUncompressed(compressed());
      expect(back.size).toEqual(g.size);
      expectSameCounts(back.counts, g.counts_uncompressed);
    });

    it('has the golden area and bbox', () => {
      expect(rleArea(uncompressed())).toBe(g.area);
      expect(rleArea(compressed())).toBe(g.area);
      expect(rleToBbox(uncompressed())).toEqual(g.bbox_xywh);
      expect(rleToBbox(compressed())).toEqual(g.bbox_xywh);
      expect(maskBbox(pngs.get(g.png)!)).toEqual(g.bbox_xywh);
    });

    it('decodes both forms back to the PNG', () => {
      const mask = pngs.get(g.png)!;
      expectSameMask(decodeRle(uncompressed()), mask);
      expectSameMask(decodeRle(compressed()), mask);
    });
  });

  it.each(golden.polygons.map((p) => [p.name, p] as const))('rasterised polygon %s: string, area and PNG agree', (_n, p) => {
    const mask = pngs.get(p.png)!;
    expect(toCompressed(encodeRle(mask))).toEqual({ size: p.size, counts: p.counts_compressed });
    expectSameMask(decodeRle({ size: p.size, counts: p.counts_compressed }), mask);
    expect(rleArea({ size: p.size, counts: p.counts_compressed })).toBe(p.area_of_rasterised_mask);
  });

  it('encodes a single count the way worked out by hand', () => {
    // 1961 = 61*32 + 9: group 9 (+0x20 more) -> 'Y'; 61 = 1*32 + 29: group 29 has the sign bit 0x10 set
    // while the rest (1) is not -1, so it needs another group: 29|0x20 -> 'm'; then 1 -> '1'.
    expect(compressCounts([1961])).toBe('Ym1');
    // From index 3 on, counts are coded as the difference to the count two before: 5-5 = 0 -> '0'.
    expect(compressCounts([5, 5, 5, 5])).toBe('5550');
    // A negative delta: 1 - 9 = -8 -> group 24 (0x18, sign set, rest -1 so it ends) -> 'H'.
    expect(compressCounts([0, 9, 0, 1])).toBe('090H');
  });
});

/** Independent references, written the obvious way. */
function referenceEncode(mask: BinaryMask): number[] {
  const counts: number[] = [];
  let prev = 0;
  let run = 0;
  for (let x = 0; x < mask.width; x++) {
    for (let y = 0; y < mask.height; y++) {
      const v = mask.data[y * mask.width + x] ? 1 : 0;
      if (v !== prev) {
        counts.push(run);
        run = 0;
        prev = v;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

function referenceBbox(mask: BinaryMask): number[] {
  let [xs, ys, xe, ye] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[y * mask.width + x]) continue;
      [xs, ys, xe, ye] = [Math.min(xs, x), Math.min(ys, y), Math.max(xe, x), Math.max(ye, y)];
    }
  }
  return xe < 0 ? [0, 0, 0, 0] : [xs, ys, xe - xs + 1, ye - ys + 1];
}

function referenceIou(a: BinaryMask, b: BinaryMask, crowd = false): number {
  let i = 0;
  let u = 0;
  let areaA = 0;
  for (let k = 0; k < a.data.length; k++) {
    const va = a.data[k] ? 1 : 0;
    const vb = b.data[k] ? 1 : 0;
    i += va & vb;
    u += va | vb;
    areaA += va;
  }
  if (i === 0) return 0;
  return i / (crowd ? areaA : u);
}

/** Random masks of three kinds: salt noise of a given density, blobs (long runs), and rectangles. */
function randomMask(h: number, w: number, seed: number): BinaryMask {
  const rand = mulberry32(seed);
  const kind = seed % 3;
  const data = new Uint8Array(h * w);
  const density = rand();
  const cx = rand() * w;
  const cy = rand() * h;
  const r = rand() * Math.max(h, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = kind === 0 ? rand() < density : kind === 1 ? Math.hypot(x - cx, y - cy) < r : Math.abs(x - cx) < r / 2 && Math.abs(y - cy) < r / 3;
      data[y * w + x] = v ? 1 : 0;
    }
  }
  return { height: h, width: w, data };
}

describe('RLE on random masks vs reference implementations', () => {
  // Widths cover multiples of 4, odd widths and widths under 4 (the word-at-a-time paths and their tails).
  const sizes: Array<[number, number]> = [
    [1, 1], [1, 7], [7, 1], [2, 3], [3, 2], [5, 4], [4, 5], [37, 53], [64, 64], [33, 8], [100, 3], [3, 100], [257, 255],
  ];
  const cases = sizes.flatMap(([h, w], i) => [0, 1, 2, 3, 4, 5].map((k) => [h, w, 100 * i + k] as const));

  it.each(cases)('%ix%i seed %i', (h, w, seed) => {
    const mask = randomMask(h, w, seed);
    const rle = encodeRle(mask);
    expect(rle.size).toEqual([h, w]);
    expectSameCounts(rle.counts, referenceEncode(mask));
    expectSameMask(decodeRle(rle), mask);
    const c = toCompressed(rle);
    expectSameCounts(decompressCounts(c.counts), rle.counts);
    expectSameMask(decodeRle(c), mask);
    expect(rleArea(rle)).toBe(mask.data.reduce((s, v) => s + v, 0));
    expect(rleToBbox(rle)).toEqual(referenceBbox(mask));
    expect(maskBbox(mask)).toEqual(referenceBbox(mask));
    const other = randomMask(h, w, seed + 7);
    const otherRle = encodeRle(other);
    expect(maskIou(mask, other)).toBeCloseTo(referenceIou(mask, other), 12);
    expect(rleIou(rle, otherRle)).toBeCloseTo(referenceIou(mask, other), 12);
    expect(rleIou(c, otherRle, true)).toBeCloseTo(referenceIou(mask, other, true), 12);
  });

  it('treats any non-zero byte as foreground', () => {
    const mask = randomMask(20, 30, 42);
    const bytes = { ...mask, data: mask.data.map((v, i) => (v ? 1 + (i % 255) : 0)) };
    expect(encodeRle(bytes)).toEqual(encodeRle(mask));
    expect(maskBbox(bytes)).toEqual(maskBbox(mask));
    expect(maskIou(bytes, mask)).toBe(mask.data.some((v) => v) ? 1 : 0);
  });

  it('handles masks that are not 4-byte aligned in their buffer', () => {
    const mask = randomMask(31, 17, 43);
    const shifted = new Uint8Array(mask.data.length + 3);
    shifted.set(mask.data, 3);
    const view = { height: 31, width: 17, data: shifted.subarray(3) };
    expect(encodeRle(view).counts).toEqual(referenceEncode(mask));
    expect(maskBbox(view)).toEqual(referenceBbox(mask));
  });

  it('IoU of identical, disjoint and empty masks', () => {
    const a = randomMask(40, 40, 1); // blob
    expect(rleIou(encodeRle(a), encodeRle(a))).toBe(a.data.some((v) => v) ? 1 : 0);
    const empty = { height: 40, width: 40, data: new Uint8Array(1600) };
    expect(rleIou(encodeRle(empty), encodeRle(empty))).toBe(0);
    expect(maskIou(empty, empty)).toBe(0);
    const left = { height: 2, width: 2, data: Uint8Array.from([1, 0, 1, 0]) };
    const right = { height: 2, width: 2, data: Uint8Array.from([0, 1, 0, 1]) };
    expect(rleIou(encodeRle(left), encodeRle(right))).toBe(0);
    expect(maskIou(left, right)).toBe(0);
  });

  it('round-trips counts beyond 32 bits and zero-length interior runs', () => {
    const counts = [2 ** 33 + 5, 7, 2 ** 40, 1, 0, 3, 12];
    expect(decompressCounts(compressCounts(counts))).toEqual(counts);
    // Zero-length runs change nothing: [2, 0, 0, 2] is column 0 background, column 1 foreground.
    expect(decodeRle({ size: [2, 2], counts: [2, 0, 0, 2] }).data).toEqual(Uint8Array.from([0, 1, 0, 1]));
    // fg at column-major 1..3: (row 1, col 0) and column 1. (maskApi.c's toBbox underflows on this input.)
    expect(rleToBbox({ size: [2, 2], counts: [0, 0, 1, 3] })).toEqual([0, 0, 2, 2]);
    expect(rleArea({ size: [2, 2], counts: [0, 0, 1, 3] })).toBe(3);
  });

  it('handles a 0x0 mask like pycocotools (counts [0])', () => {
    const rle = encodeRle({ height: 0, width: 0, data: new Uint8Array(0) });
    expect(rle).toEqual({ size: [0, 0], counts: [0] });
    expect(decodeRle(rle).data.length).toBe(0);
    expect(rleArea(rle)).toBe(0);
  });
});

describe('RLE rejects bad input', () => {
  it('rejects counts that do not cover the size', () => {
    expectBadInput(() => decodeRle({ size: [2, 2], counts: [1, 2] }));
    expectBadInput(() => rleArea({ size: [2, 2], counts: [1, 2, 3] }));
    expectBadInput(() => toCompressed({ size: [2, 2], counts: [5, -1] }));
    expectBadInput(() => rleToBbox({ size: [2, 2], counts: [1.5, 2.5] }));
    expectBadInput(() => decodeRle({ size: [-1, 2], counts: [] }));
  });

  it('rejects malformed compressed strings', () => {
    expectBadInput(() => decompressCounts('Y')); // ends inside a count (0x20 "more" set)
    expectBadInput(() => decompressCounts('p')); // 'p' is 64 above '0', outside the 6-bit alphabet
    expectBadInput(() => decompressCounts('/')); // below '0'
    expectBadInput(() => decompressCounts('O')); // 'O' = 31: -1, a negative count
    expectBadInput(() => toUncompressed({ size: [37, 53], counts: 'Ym2' })); // 1993 pixels, not 1961
  });

  it('rejects mismatched masks and sizes', () => {
    expectBadInput(() => encodeRle({ height: 2, width: 2, data: new Uint8Array(3) }));
    expectBadInput(() => maskIou({ height: 2, width: 2, data: new Uint8Array(4) }, { height: 1, width: 4, data: new Uint8Array(4) }));
    expectBadInput(() => rleIou({ size: [2, 2], counts: [4] }, { size: [1, 4], counts: [4] }));
    expectBadInput(() => compressCounts([1.5]));
  });
});
