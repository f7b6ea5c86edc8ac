import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { polygonToRle, polygonsToMask, polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { compressCounts, decompressCounts, encodeRle, rleArea } from '../../../shared/masks/rle.js';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/coco-rle/', import.meta.url));

interface GoldenPolygon {
  name: string;
  polygon: number[][];
  size: [number, number];
  png: string;
  area_of_rasterised_mask: number;
  counts_compressed: string;
}

const golden = JSON.parse(readFileSync(`${fixtures}golden.json`, 'utf8')) as { polygons: GoldenPolygon[] };

async function readPngMask(name: string): Promise<Uint8Array> {
  const { data } = await sharp(`${fixtures}${name}`).greyscale().raw().toBuffer({ resolveWithObject: true });
  return Uint8Array.from(data, (v) => (v > 127 ? 1 : 0));
}

describe('polygonToRle (pycocotools frPoly)', () => {
  it.each(golden.polygons.map((p) => [p.name, p] as const))('rasterises the %s golden polygon as pycocotools does', async (_name, p) => {
    const [h, w] = p.size;
    const rle = polygonsToRle(p.polygon, h, w);
    expect(compressCounts(rle.counts)).toBe(p.counts_compressed);
    expect(rle.counts).toEqual(decompressCounts(p.counts_compressed));
    expect(rleArea(rle)).toBe(p.area_of_rasterised_mask);
    expect(polygonsToMask(p.polygon, h, w).data).toEqual(await readPngMask(p.png));
  });

  it('fills a pixel-corner square exactly: pixels 5..14 in both directions', () => {
    const mask = polygonsToMask([[5, 5, 15, 5, 15, 15, 5, 15]], 20, 20);
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) expect(mask.data[y * 20 + x]).toBe(x >= 5 && x < 15 && y >= 5 && y < 15 ? 1 : 0);
    }
  });

  it('gives the same mask for a ring whether or not it repeats its first vertex at the end', () => {
    const open = [3.2, 4.7, 17.9, 2.1, 12.4, 16.6, 4.4, 12.2];
    const closed = [...open, 3.2, 4.7];
    expect(polygonToRle(closed, 20, 24).counts).toEqual(polygonToRle(open, 20, 24).counts);
  });

  it('clips polygons that leave the image instead of wrapping into the next column', () => {
    const rle = polygonToRle([-5, -5, 8, -5, 8, 30, -5, 30], 10, 10);
    const mask = polygonsToMask([[-5, -5, 8, -5, 8, 30, -5, 30]], 10, 10);
    expect(rleArea(rle)).toBe(80);
    expect(encodeRle(mask).counts).toEqual(rle.counts);
  });

  it('unions several polygons, as COCO lists of polygons are merged', () => {
    const a = [0, 0, 4, 0, 4, 4, 0, 4];
    const b = [2, 2, 6, 2, 6, 6, 2, 6];
    expect(rleArea(polygonsToRle([a, b], 8, 8))).toBe(16 + 16 - 4);
  });
});
