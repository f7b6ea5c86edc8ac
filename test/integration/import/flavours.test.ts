import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatasetReport } from '../../../main/services/import/readDataset.js';
import type { ImportRead } from '../../../main/services/import/builder.js';
import { compressCounts, rleArea } from '../../../shared/masks/rle.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { put } from './helpers.js';

/**
 * Files as other tools write them (field sets from their writers: labelme2coco, CVAT, Roboflow, FiftyOne,
 * Ultralytics, labelme 3.x–5.x): optional or null metadata is accepted, the geometry is imported exactly.
 */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-flavours-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const square = [2, 2, 8, 2, 8, 6, 2, 6]; // 6×4 = 24 px
const summary = (r: ImportRead) => ({
  images: r.dataset.images.map((i) => [i.relPath, i.width, i.height]),
  categories: r.dataset.categories.map((c) => c.name),
  areas: r.dataset.annotations.map((a) => rleArea(a.rle)),
  skipped: r.skipped,
});

describe('COCO as other tools write it', () => {
  it('labelme2coco: ids from 0, supercategory null, licenses with nulls, date_captured null', async () => {
    const doc = {
      info: { description: null, url: null, version: null, year: 2024, contributor: null, date_created: '2024-01-01 00:00:00' },
      licenses: [{ url: null, id: 0, name: null }],
      images: [{ license: 0, url: null, file_name: 'a.jpg', height: 10, width: 12, date_captured: null, id: 0 }],
      type: 'instances',
      annotations: [{ id: 0, image_id: 0, category_id: 0, segmentation: [square], area: 24.0, bbox: [2, 2, 6, 4], iscrowd: 0 }],
      categories: [{ supercategory: null, id: 0, name: 'cat' }],
    };
    const r = await readDatasetReport('coco', put(join(root, 'l2c', 'annotations.json'), JSON.stringify(doc)));
    expect(summary(r)).toEqual({ images: [['a.jpg', 12, 10]], categories: ['cat'], areas: [24], skipped: [] });
  });

  it('CVAT: empty-string metadata, attributes with occluded/rotation, uncompressed crowd RLE', async () => {
    const doc = {
      licenses: [{ name: '', id: 0, url: '' }],
      info: { contributor: '', date_created: '', description: '', url: '', version: '', year: '' },
      categories: [{ id: 1, name: 'car', supercategory: '' }],
      images: [{ id: 1, width: 12, height: 10, file_name: 'a.jpg', license: 0, flickr_url: '', coco_url: '', date_captured: 0 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, segmentation: [square], area: 24.0, bbox: [2, 2, 6, 4], iscrowd: 0, attributes: { occluded: false, rotation: 0.0, note: null } },
        { id: 2, image_id: 1, category_id: 1, segmentation: { size: [10, 12], counts: [100, 5, 15] }, area: 5.0, bbox: [10, 0, 1, 5], iscrowd: 1, attributes: { occluded: true } },
      ],
    };
    const r = await readDatasetReport('coco', put(join(root, 'cvat', 'annotations', 'instances_default.json'), JSON.stringify(doc)));
    expect(summary(r)).toMatchObject({ categories: ['car'], areas: [24, 5], skipped: [] });
    expect(r.dataset.annotations.map((a) => [a.iscrowd, a.attributes])).toEqual([
      [0, { occluded: false, rotation: 0 }],
      [1, { occluded: true }],
    ]);
  });

  it('Roboflow: a supercategory-only category 0, extra image fields, float areas', async () => {
    const doc = {
      info: { year: '2024', version: '1', description: 'Exported from roboflow.com', contributor: '', url: 'https://public.roboflow.com', date_created: '2024-01-01T00:00:00+00:00' },
      licenses: [{ id: 1, url: 'https://creativecommons.org/licenses/by/4.0/', name: 'CC BY 4.0' }],
      categories: [{ id: 0, name: 'animals', supercategory: 'none' }, { id: 1, name: 'cat', supercategory: 'animals' }],
      images: [{ id: 0, license: 1, file_name: 'a_jpg.rf.0123.jpg', height: 10, width: 12, date_captured: '2024-01-01T00:00:00+00:00', extra: { name: 'a.jpg' } }],
      annotations: [{ id: 0, image_id: 0, category_id: 1, bbox: [2, 2, 6, 4], area: 24.000000001, segmentation: [square], iscrowd: 0 }],
    };
    const r = await readDatasetReport('coco', put(join(root, 'rf', 'train', '_annotations.coco.json'), JSON.stringify(doc)));
    expect(summary(r)).toEqual({ images: [['a_jpg.rf.0123.jpg', 12, 10]], categories: ['animals', 'cat'], areas: [24], skipped: [] });
  });

  it('FiftyOne: info and licenses null, supercategory null, compressed RLE with a score, no area/bbox/iscrowd', async () => {
    const counts = compressCounts([20, 10, 90]);
    const doc = {
      info: null,
      licenses: null,
      categories: [{ id: 1, name: 'dog', supercategory: null }],
      images: [{ id: 1, file_name: 'data/a.png', height: 10, width: 12 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, segmentation: { size: [10, 12], counts }, score: 0.9 },
        { id: 2, image_id: 1, category_id: 1, segmentation: [square], iscrowd: null },
      ],
    };
    const r = await readDatasetReport('coco', put(join(root, 'fo', 'labels.json'), JSON.stringify(doc)));
    expect(summary(r)).toEqual({ images: [['data/a.png', 12, 10]], categories: ['dog'], areas: [10, 24], skipped: [] });
    expect(r.dataset.annotations[0].score).toBe(0.9);
  });

  it('accepts a UTF-8 byte-order mark (Windows tools write one)', async () => {
    const doc = { images: [{ id: 1, file_name: 'a.jpg', width: 12, height: 10 }], categories: [{ id: 1, name: 'x' }], annotations: [{ image_id: 1, category_id: 1, segmentation: [square] }] };
    const r = await readDatasetReport('coco', put(join(root, 'bom', 'c.json'), `\ufeff${JSON.stringify(doc)}`));
    expect(summary(r).areas).toEqual([24]);
  });
});

describe('YOLO as other tools write it', () => {
  it('Ultralytics: path, names as a map, nc, polygon lines', async () => {
    const dir = join(root, 'ultra');
    put(join(dir, 'images', 'train', 'a.jpg'), tinyPng(20, 10));
    put(join(dir, 'labels', 'train', 'a.txt'), '1 0.1 0.2 0.4 0.2 0.4 0.6 0.1 0.6\n');
    put(join(dir, 'ds.yaml'), `path: ${dir}\ntrain: images/train\nval: images/train\nnc: 2\nnames:\n  0: person\n  1: car\n`);
    const r = await readDatasetReport('yolo-seg', join(dir, 'ds.yaml'));
    expect(summary(r)).toEqual({ images: [['a.jpg', 20, 10]], categories: ['person', 'car'], areas: [24], skipped: [] });
  });

  it('Roboflow: data.yaml beside train/ with `../train/images`, a nested roboflow block', async () => {
    const dir = join(root, 'rfyolo');
    put(join(dir, 'train', 'images', 'a.jpg'), tinyPng(20, 10));
    put(join(dir, 'train', 'labels', 'a.txt'), '0 0.1 0.2 0.4 0.2 0.4 0.6 0.1 0.6\n');
    const yaml = "train: ../train/images\nval: ../valid/images\ntest: ../test/images\n\nnc: 1\nnames: ['cat']\n\nroboflow:\n  workspace: w\n  project: p\n  version: 1\n  license: CC BY 4.0\n  url: https://universe.roboflow.com/w/p/dataset/1\n";
    put(join(dir, 'data.yaml'), yaml);
    put(join(dir, 'valid', 'images', '.keep'), '');
    put(join(dir, 'test', 'images', '.keep'), '');
    const r = await readDatasetReport('yolo-seg', dir);
    expect(summary(r)).toEqual({ images: [['a.jpg', 20, 10]], categories: ['cat'], areas: [24], skipped: [] });
  });
});

describe('labelme files of every version', () => {
  it('labelme 3.x: no shape_type, colours, no image size, the image embedded as imageData', async () => {
    const doc = {
      flags: {}, shapes: [{ label: 'a', line_color: null, fill_color: null, points: [[2, 2], [8, 2], [8, 6], [2, 6]] }],
      lineColor: [0, 255, 0, 128], fillColor: [255, 0, 0, 128], imagePath: 'gone.jpg', imageData: tinyPng(12, 10).toString('base64'),
    };
    const r = await readDatasetReport('labelme', put(join(root, 'lm3', 'x.json'), JSON.stringify(doc)));
    expect(summary(r)).toEqual({ images: [['gone.jpg', 12, 10]], categories: ['a'], areas: [24], skipped: [] });
  });

  it('labelme 5.x: Windows imagePath into a sibling folder, description, null flags, groups of shapes', async () => {
    const dir = join(root, 'lm5');
    put(join(dir, 'imgs', 'a.png'), tinyPng(12, 10));
    const shape = (points: number[][], group_id: number | null) => ({ label: 'b', points, group_id, description: '', shape_type: 'polygon', flags: null, mask: null });
    const shapes = [shape([[2, 2], [8, 2], [8, 6], [2, 6]], 1), shape([[9, 7], [11, 7], [11, 9], [9, 9]], 1)];
    put(join(dir, 'ann', 'a.json'), JSON.stringify({ version: '5.4.1', flags: {}, shapes, imagePath: '..\\imgs\\a.png', imageData: null }));
    const r = await readDatasetReport('labelme', dir);
    expect(summary(r)).toEqual({ images: [['imgs/a.png', 12, 10]], categories: ['b'], areas: [24 + 4], skipped: [] });
  });
});
