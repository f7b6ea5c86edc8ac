import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { rleArea, rleToBbox } from '../../../shared/masks/rle.js';
import { parseDataYaml } from '../../../main/services/import/dataYaml.js';
import { applyLabelMap } from '../../../main/services/import/labelMap.js';
import { readDataset } from '../../../main/services/import/readDataset.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlabel-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function image(path: string, width: number, height: number): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: '#808080' } }).png().toFile(path);
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (err: unknown) => err,
  );
}

describe('importing files written by other tools', () => {
  it('reads CVAT-style COCO: images/ beside annotations/, uncompressed crowd RLE, polygons', async () => {
    await image(join(dir, 'images', 'x.png'), 10, 8);
    const coco = {
      images: [{ id: 7, file_name: 'x.png', width: 10, height: 8 }],
      categories: [{ id: 3, name: 'car', supercategory: '' }],
      annotations: [
        { id: 1, image_id: 7, category_id: 3, segmentation: [[1, 1, 5, 1, 5, 4, 1, 4]], area: 12, bbox: [1, 1, 4, 3], iscrowd: 0 },
        { id: 2, image_id: 7, category_id: 3, segmentation: { size: [8, 10], counts: [66, 4, 4, 4, 2] }, area: 8, bbox: [8, 2, 2, 4], iscrowd: 1 },
      ],
    };
    write(join(dir, 'annotations', 'instances_default.json'), JSON.stringify(coco));
    const ds = await readDataset('coco', join(dir, 'annotations', 'instances_default.json'));
    expect(ds.images).toMatchObject([{ relPath: 'x.png', absPath: join(dir, 'images', 'x.png'), width: 10, height: 8, status: 'done' }]);
    expect(ds.annotations.map((a) => [rleArea(a.rle), rleToBbox(a.rle), a.iscrowd])).toEqual([
      [12, [1, 1, 4, 3], 0],
      [8, [8, 2, 2, 4], 1],
    ]);
  });

  it('refuses an RLE whose size is not the image size', async () => {
    const coco = {
      images: [{ id: 1, file_name: 'x.png', width: 10, height: 8 }],
      categories: [{ id: 1, name: 'car' }],
      annotations: [{ image_id: 1, category_id: 1, segmentation: { size: [10, 8], counts: [80] } }],
    };
    write(join(dir, 'c.json'), JSON.stringify(coco));
    const err = await rejection(readDataset('coco', join(dir, 'c.json')));
    expect(isSamlabelError(err, 'ImportError') && err.message).toMatch(/RLE size 10×8 is not the image's 8×10/);
  });

  it('reads an Ultralytics dataset: relative path, names as a list, boxes and polygons, val in a list', async () => {
    await image(join(dir, 'ds', 'images', 'train', 'p.png'), 20, 10);
    await image(join(dir, 'ds', 'images', 'val', 'q.png'), 20, 10);
    write(join(dir, 'ds', 'labels', 'train', 'p.txt'), '1 0.5 0.5 0.5 0.4\n\n0 0.1 0.1 0.4 0.1 0.4 0.5 0.1 0.5\n');
    write(join(dir, 'cfg', 'data.yaml'), "path: ../ds  # root\ntrain: images/train\nval: [images/val]\nnames: ['person', \"car, red\"]\n");
    const ds = await readDataset('yolo-seg', join(dir, 'cfg', 'data.yaml'));
    expect(ds.images.map((i) => [i.relPath, i.status])).toEqual([
      ['p.png', 'done'],
      ['q.png', 'new'],
    ]);
    expect(ds.categories.map((c) => c.name)).toEqual(['person', 'car, red']);
    expect(ds.annotations.map((a) => [a.categoryId, rleToBbox(a.rle)])).toEqual([
      [2, [5, 3, 10, 4]],
      [1, [2, 1, 6, 4]],
    ]);
  });

  it('points at the file and line of a bad YOLO label', async () => {
    await image(join(dir, 'images', 'train', 'p.png'), 20, 10);
    write(join(dir, 'labels', 'train', 'p.txt'), '0 0.1 0.1 0.4\n');
    write(join(dir, 'data.yaml'), 'train: images/train\nnames:\n  0: a\n');
    const err = await rejection(readDataset('yolo-seg', dir));
    expect(isSamlabelError(err, 'ImportError') && err.message).toMatch(/p\.txt:1: expected/);
  });

  it('reads labelme rectangles and circles, skips lines, and passes over JSON that is not labelme', async () => {
    await image(join(dir, 'lm', 'r.png'), 30, 20);
    const doc = {
      version: '5.1.1',
      flags: {},
      imagePath: 'r.png',
      imageData: null,
      shapes: [
        { label: 'box', points: [[2, 2], [12, 7]], group_id: null, shape_type: 'rectangle', flags: {} },
        { label: 'ball', points: [[20, 10], [24, 10]], group_id: null, shape_type: 'circle', flags: {} },
        { label: 'edge', points: [[0, 0], [5, 5]], group_id: null, shape_type: 'line', flags: {} },
      ],
    };
    write(join(dir, 'lm', 'r.json'), JSON.stringify(doc));
    write(join(dir, 'lm', 'package.json'), '{"name": "not labelme"}');
    const ds = await readDataset('labelme', join(dir, 'lm'));
    expect(ds.images.map((i) => [i.relPath, i.width, i.height])).toEqual([['r.png', 30, 20]]);
    expect(ds.categories.map((c) => c.name)).toEqual(['box', 'ball']);
    expect(rleArea(ds.annotations[0].rle)).toBe(50);
    expect(Math.abs(rleArea(ds.annotations[1].rle) - Math.PI * 16)).toBeLessThan(8);
  });

  it('maps labels with --labels: rename, merge two into one, drop with null', () => {
    const rle = { size: [1, 1] as [number, number], counts: [0, 1] };
    const base = { iscrowd: 0 as const, score: null, zOrder: 0, attributes: {} };
    const ds = {
      images: [{ id: 1, relPath: 'a.png', absPath: '/a.png', width: 1, height: 1, status: 'done' as const }],
      categories: ['cat', 'kitty', 'dog'].map((name, i) => ({ id: i + 1, name, color: '#000000', supercategory: '', order: i })),
      annotations: [1, 2, 3].map((categoryId) => ({ ...base, id: categoryId, imageId: 1, categoryId, rle })),
    };
    const mapped = applyLabelMap(ds, { kitty: 'cat', dog: null, cat: 'feline' });
    expect(mapped.categories.map((c) => c.name)).toEqual(['feline', 'cat']);
    expect(mapped.annotations.map((a) => a.categoryId)).toEqual([1, 2]);
    expect(applyLabelMap(ds, { kitty: 'cat' }).annotations.map((a) => a.categoryId)).toEqual([1, 1, 3]);
  });

  it('reads the data.yaml shapes Ultralytics and Roboflow write', () => {
    const map = parseDataYaml('train: a\nval: b\nnames:\n  0: "x: y"\n  1: z # comment\n', 'd');
    expect([...map.names.values()]).toEqual(['x: y', 'z']);
    const block = parseDataYaml("path: '/data/set'\ntrain:\n  - t1\n  - t2\nnc: 2\nnames:\n- a\n- 'b'\n", 'd');
    expect(block.path).toBe('/data/set');
    expect(block.splits).toEqual([{ name: 'train', dirs: ['t1', 't2'] }]);
    expect([...block.names.values()]).toEqual(['a', 'b']);
    expect([...parseDataYaml('names: {0: a, 1: b}\n', 'd').names.values()]).toEqual(['a', 'b']);
  });
});
