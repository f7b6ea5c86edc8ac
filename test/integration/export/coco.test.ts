import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskToPolygons } from '../../../shared/masks/polygon.js';
import { polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { compressCounts, decodeRle, rleArea, rleToBbox, toUncompressed } from '../../../shared/masks/rle.js';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { verifyExport } from '../../../main/services/export/verify.js';
import { readDataset } from '../../../main/services/import/readDataset.js';
import { annotationsOf, makeFixture, pixelsDiffering, type Fixture } from './fixture.js';

interface CocoJson {
  images: Array<{ id: number; file_name: string; width: number; height: number }>;
  annotations: Array<{
    id: number;
    image_id: number;
    category_id: number;
    segmentation: number[][] | { size: [number, number]; counts: string };
    area: number;
    bbox: number[];
    iscrowd: number;
    score?: number;
    attributes?: Record<string, unknown>;
  }>;
  categories: Array<{ id: number; name: string; supercategory: string }>;
}

let fx: Fixture;
beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.cleanup());

const readJson = (path: string): CocoJson => JSON.parse(readFileSync(path, 'utf8')) as CocoJson;

describe('COCO export', () => {
  it('numbers categories from 1 in label order with their supercategory', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out });
    expect(readJson(join(out, 'instances_train.json')).categories).toEqual([
      { id: 1, name: 'dog', supercategory: 'animal' },
      { id: 2, name: 'cat', supercategory: 'animal' },
      { id: 3, name: 'bird', supercategory: 'animal' },
    ]);
  });

  it('lists every present image with a unique id, its size and a file_name relative to the export', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out });
    const doc = readJson(join(out, 'instances_train.json'));
    expect(doc.images.map((i) => i.file_name)).toEqual(['images/a.png', 'images/c.png', 'images/e.png', 'images/sub/b.jpg']);
    expect(doc.images.map((i) => i.id)).toEqual([1, 2, 3, 4]);
    expect(doc.images[3]).toMatchObject({ width: 40, height: 30 });
    for (const img of doc.images) expect(lstatSync(join(out, img.file_name)).isSymbolicLink()).toBe(true);
  });

  it('writes area = pixel count, bbox from the mask, iscrowd as stored, ids 1..n', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out });
    const doc = readJson(join(out, 'instances_train.json'));
    expect(doc.annotations.map((a) => a.id)).toEqual(doc.annotations.map((_, i) => i + 1));
    const expected = ['a.png', 'e.png', 'sub/b.jpg'].flatMap((rel) => annotationsOf(fx.dataset, rel)).filter((a) => rleArea(a.rle) > 0);
    expect(doc.annotations).toHaveLength(expected.length);
    doc.annotations.forEach((a, i) => {
      expect(a.area).toBe(rleArea(expected[i].rle));
      expect(a.bbox).toEqual(rleToBbox(expected[i].rle));
      expect(a.iscrowd).toBe(expected[i].iscrowd);
    });
    expect(doc.annotations[0]).toMatchObject({ score: 0.93, attributes: { occluded: false, note: 'left' } });
  });

  it('writes polygons that pycocotools rasterises back to the exact mask, several for a multi-part mask', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out });
    const doc = readJson(join(out, 'instances_train.json'));
    const masks = annotationsOf(fx.dataset, 'a.png');
    const written = doc.annotations.filter((a) => a.image_id === 1);
    expect(written.map((a) => Array.isArray(a.segmentation))).toEqual([true, false, true, true]);
    expect((written[2].segmentation as number[][]).length).toBe(2);
    for (const [i, a] of written.entries()) {
      const rle = Array.isArray(a.segmentation) ? polygonsToRle(a.segmentation, 48, 64) : a.segmentation;
      expect(pixelsDiffering(rle, masks[i].rle)).toBe(0);
    }
  });

  it('writes a mask with a hole, and any crowd region, as RLE with the string pycocotools writes', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out });
    const doc = readJson(join(out, 'instances_train.json'));
    const ring = annotationsOf(fx.dataset, 'a.png')[1];
    expect(maskToPolygons(decodeRle(ring.rle)).some((p) => p.holes.length > 0)).toBe(true);
    const ringJson = doc.annotations.filter((a) => a.image_id === 1)[1];
    expect(ringJson.segmentation).toEqual({ size: [48, 64], counts: compressCounts(toUncompressed(ring.rle).counts) });
    const crowd = doc.annotations.find((a) => a.iscrowd === 1);
    expect(crowd?.segmentation).toMatchObject({ size: [30, 40] });
    expect(typeof (crowd?.segmentation as { counts: unknown }).counts).toBe('string');
  });

  it('writes every mask as RLE with --coco-seg rle', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out, cocoSeg: 'rle' });
    const doc = readJson(join(out, 'instances_train.json'));
    expect(doc.annotations.every((a) => !Array.isArray(a.segmentation))).toBe(true);
  });

  it('drops images without annotations only when asked, and keeps only done images with onlyDone', async () => {
    const out = join(fx.root, 'coco');
    await exportDataset(fx.dataset, { format: 'coco', outDir: out, dropEmpty: true, onlyDone: true });
    const doc = readJson(join(out, 'instances_train.json'));
    expect(doc.images.map((i) => i.file_name)).toEqual(['images/a.png', 'images/e.png']);
  });

  it('round-trips export → import → export to the same JSON, pixel-exact masks', async () => {
    const first = join(fx.root, 'one');
    const second = join(fx.root, 'two');
    await exportDataset(fx.dataset, { format: 'coco', outDir: first, split: { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] }, seed: 3 });
    const back = await readDataset('coco', first);
    expect(back.images.map((i) => i.absPath).sort()).toEqual(fx.dataset.images.filter((i) => i.status !== 'missing').map((i) => i.absPath).sort());
    for (const rel of ['a.png', 'sub/b.jpg', 'e.png']) {
      const want = annotationsOf(fx.dataset, rel).filter((a) => rleArea(a.rle) > 0);
      const got = annotationsOf(back, rel);
      expect(got).toHaveLength(want.length);
      expect(got.map((a, i) => pixelsDiffering(a.rle, want[i].rle))).toEqual(want.map(() => 0));
    }
    await exportDataset(back, { format: 'coco', outDir: second, split: { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] }, seed: 3 });
    for (const name of ['instances_train.json', 'instances_val.json']) {
      expect(readJson(join(second, name))).toEqual(readJson(join(first, name)));
    }
  });

  it('verify passes a clean export and reports a mask whose polygon was damaged', async () => {
    const out = join(fx.root, 'coco');
    const options = { format: 'coco' as const, outDir: out };
    const result = await exportDataset(fx.dataset, options);
    expect((await verifyExport(fx.dataset, result, options)).issues).toEqual([]);
    const path = join(out, 'instances_train.json');
    const doc = readJson(path);
    const poly = doc.annotations[0].segmentation as number[][];
    poly[0] = poly[0].map((v, i) => (i % 2 === 0 ? v + 3 : v));
    writeFileSync(path, JSON.stringify(doc));
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.issues.map((i) => i.annotationId)).toEqual([fx.dataset.annotations[0].id]);
    expect(report.issues[0].iou).toBeLessThan(0.98);
  });
});
