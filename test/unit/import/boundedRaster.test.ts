import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { polygonToRle, polygonsToMask, polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { decodeRle, encodeRle, rleArea } from '../../../shared/masks/rle.js';
import { unionRles } from '../../../shared/masks/rleUnion.js';
import { referencePolygonToRle } from './referenceRaster.js';

const H = 23;
const W = 31;

/** Vertices up to a few image sizes outside the image, fractional: where clipping and rounding meet. */
const vertex = fc.tuple(fc.double({ min: -70, max: 100, noNaN: true }), fc.double({ min: -50, max: 80, noNaN: true }));
const polygon = fc.array(vertex, { minLength: 3, maxLength: 9 }).map((vs) => vs.flat());

function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (err) {
    return err;
  }
}

describe('bounded polygon rasteriser', () => {
  it('gives pycocotools’ pixels for random polygons inside, across and outside the image', () => {
    fc.assert(
      fc.property(polygon, (poly) => {
        expect(polygonToRle(poly, H, W).counts).toEqual(referencePolygonToRle(poly, H, W).counts);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('gives pycocotools’ pixels on integer and half-pixel vertices (exact column-centre hits)', () => {
    const grid = fc.tuple(fc.integer({ min: -40, max: 80 }), fc.integer({ min: -40, max: 60 })).map(([x, y]) => [x / 2, y / 2]);
    fc.assert(
      fc.property(fc.array(grid, { minLength: 3, maxLength: 7 }), (vs) => {
        const poly = vs.flat();
        expect(polygonToRle(poly, H, W).counts).toEqual(referencePolygonToRle(poly, H, W).counts);
      }),
      { numRuns: 400, seed: 12 },
    );
  });

  it('gives pycocotools’ pixels for tall polygons whose steep edges are solved per column, not walked', () => {
    const tall = fc.tuple(fc.double({ min: -10, max: 45, noNaN: true }), fc.double({ min: -3000, max: 3000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(tall, { minLength: 3, maxLength: 6 }), (vs) => {
        const poly = vs.flat();
        expect(polygonToRle(poly, H, W).counts).toEqual(referencePolygonToRle(poly, H, W).counts);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('clips a square at ±4e7 to the whole image without walking its edges', () => {
    const far = 4e7;
    const rle = polygonToRle([-far, -far, far, -far, far, far, -far, far], 480, 640);
    expect(rleArea(rle)).toBe(480 * 640);
  });

  it('keeps exactly the in-image part of a far-reaching rectangle', () => {
    const rle = polygonToRle([10, -1e9, 20, -1e9, 20, 1e9, 10, 1e9], 30, 40);
    const mask = decodeRle(rle);
    for (let y = 0; y < 30; y++) for (let x = 0; x < 40; x++) expect(mask.data[y * 40 + x]).toBe(x >= 10 && x < 20 ? 1 : 0);
  });

  it('refuses non-finite and absurd coordinates with a typed error', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1e300]) {
      const err = thrown(() => polygonToRle([0, 0, bad, 0, 5, 5], 10, 10));
      expect(isSamlabelError(err, 'BadInput')).toBe(true);
    }
  });

  it('refuses a scribble that crosses the columns far more often than any mask outline can', () => {
    const zigzag: number[] = [];
    for (let i = 0; i < 400; i++) zigzag.push(i % 2 === 0 ? 0 : 10, i * 0.01);
    const err = thrown(() => polygonToRle(zigzag, 4, 10));
    expect(isSamlabelError(err, 'BadInput') && err.message).toMatch(/crosses/);
  });

  it('unions polygons on runs exactly as a pixel OR would', () => {
    fc.assert(
      fc.property(fc.array(polygon, { minLength: 2, maxLength: 4 }), (polys) => {
        const or = new Uint8Array(H * W);
        for (const p of polys) decodeRle(referencePolygonToRle(p, H, W)).data.forEach((v, i) => (or[i] |= v));
        expect(polygonsToRle(polys, H, W).counts).toEqual(encodeRle({ height: H, width: W, data: or }).counts);
        expect(polygonsToMask(polys, H, W).data).toEqual(or);
      }),
      { numRuns: 150, seed: 13 },
    );
    expect(unionRles([], 2, 3).counts).toEqual([6]);
  });
});
