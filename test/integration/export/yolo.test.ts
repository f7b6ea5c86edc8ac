import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { polygonToRle, polygonsToMask } from '../../../shared/masks/polygonRaster.js';
import { decodeRle, maskIou, rleToBbox } from '../../../shared/masks/rle.js';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { parseSplitSpec } from '../../../main/services/export/split.js';
import { verifyExport } from '../../../main/services/export/verify.js';
import { parseDataYaml } from '../../../main/services/import/dataYaml.js';
import { readDataset } from '../../../main/services/import/readDataset.js';
import { annotationsOf, exportedMasks, makeFixture, pixelsDiffering, type Fixture } from './fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.cleanup());

const lines = (path: string): string[][] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(' '));

describe('YOLO segmentation export', () => {
  it('writes data.yaml that names path, train, val and the classes in label order', async () => {
    const out = join(fx.root, 'yolo');
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: out, split: parseSplitSpec('train=0.6,val=0.4') });
    const text = readFileSync(join(out, 'data.yaml'), 'utf8');
    expect(text).toContain(`path: ${JSON.stringify(out)}`);
    const yaml = parseDataYaml(text, 'data.yaml');
    expect(yaml.splits).toEqual([
      { name: 'train', dirs: ['images/train'] },
      { name: 'val', dirs: ['images/val'] },
    ]);
    expect([...yaml.names.entries()]).toEqual([
      [0, 'dog'],
      [1, 'cat'],
      [2, 'bird'],
    ]);
  });

  it('writes one normalised polygon line per part, which re-rasterise to the mask (IoU ≥ 0.98)', async () => {
    const out = join(fx.root, 'yolo');
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: out });
    const rows = lines(join(out, 'labels', 'train', 'a.txt'));
    const masks = annotationsOf(fx.dataset, 'a.png');
    // Parts: disc 1, ring 1 (hole bridged in), two rectangles 2, square 1.
    expect(rows.map((r) => r[0])).toEqual(['1', '0', '1', '1', '0']);
    const values = rows.flatMap((r) => r.slice(1).map(Number));
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    const toPixels = (r: string[]): number[] => r.slice(1).map((v, i) => Number(v) * (i % 2 === 0 ? 64 : 48));
    const groups = [[rows[0]], [rows[1]], [rows[2], rows[3]], [rows[4]]];
    groups.forEach((group, i) => {
      const mask = polygonsToMask(group.map(toPixels), 48, 64);
      expect(maskIou(mask, decodeRle(masks[i].rle))).toBeGreaterThanOrEqual(0.98);
    });
  });

  it('keeps the hole of a ring mask on a zero-width bridge', async () => {
    const out = join(fx.root, 'yolo');
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: out });
    const ring = lines(join(out, 'labels', 'train', 'a.txt'))[1];
    const pixels = ring.slice(1).map((v, i) => Number(v) * (i % 2 === 0 ? 64 : 48));
    expect(pixelsDiffering(polygonToRle(pixels, 48, 64), annotationsOf(fx.dataset, 'a.png')[1].rle)).toBe(0);
  });

  it('writes boxes with --yolo-boxes: cx cy w h of the mask bbox', async () => {
    const out = join(fx.root, 'yolo');
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: out, yoloBoxes: true });
    const rows = lines(join(out, 'labels', 'train', 'sub', 'b.txt'));
    const [x, y, w, h] = rleToBbox(annotationsOf(fx.dataset, 'sub/b.jpg')[0].rle);
    expect(rows[0].map(Number)).toEqual([0, (x + w / 2) / 40, (y + h / 2) / 30, w / 40, h / 30].map((v) => Number(v.toFixed(6))));
  });

  it('symlinks images by default, copies them with copyImages, and writes empty label files for negatives', async () => {
    const linked = join(fx.root, 'linked');
    const copied = join(fx.root, 'copied');
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: linked });
    await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: copied, copyImages: true });
    expect(lstatSync(join(linked, 'images', 'train', 'sub', 'b.jpg')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(copied, 'images', 'train', 'sub', 'b.jpg')).isFile()).toBe(true);
    expect(readFileSync(join(linked, 'labels', 'train', 'c.txt'), 'utf8')).toBe('');
    expect(existsSync(join(linked, 'images', 'train', 'gone.png'))).toBe(false);
  });

  it('assigns images to splits deterministically from the seed', async () => {
    const spec = parseSplitSpec('train=0.5,val=0.5');
    const a = await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: join(fx.root, 'a'), split: spec, seed: 7 });
    const b = await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: join(fx.root, 'b'), split: spec, seed: 7 });
    expect(a.splits.map((s) => s.images)).toEqual([2, 2]);
    expect(a.written).toEqual(b.written);
    expect(readFileSync(join(fx.root, 'a', 'data.yaml'), 'utf8').split('\n').slice(2)).toEqual(
      readFileSync(join(fx.root, 'b', 'data.yaml'), 'utf8').split('\n').slice(2),
    );
  });

  it('refuses split names Ultralytics does not read', async () => {
    const err = await exportDataset(fx.dataset, { format: 'yolo-seg', outDir: join(fx.root, 'y'), split: parseSplitSpec('train=0.5,holdout=0.5') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isSamlabelError(err, 'ExportError') && err.message).toMatch(/not "holdout"/);
  });

  it('round-trips through the importer: one annotation per line, pixel-exact once the parts are rejoined', async () => {
    const out = join(fx.root, 'yolo');
    const options = { format: 'yolo-seg' as const, outDir: out };
    const result = await exportDataset(fx.dataset, options);
    const back = await readDataset('yolo-seg', out);
    expect(back.categories.map((c) => c.name)).toEqual(['dog', 'cat', 'bird']);
    expect(annotationsOf(back, 'a.png')).toHaveLength(5);
    const disc = annotationsOf(back, 'a.png')[0];
    expect(pixelsDiffering(disc.rle, exportedMasks(fx.dataset, 'a.png')[0].rle)).toBe(0);
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.checked).toBe(7);
    expect(report.issues).toEqual([]);
  });

  it('verify flags masks that simplification pushes below the IoU threshold', async () => {
    const out = join(fx.root, 'yolo');
    const options = { format: 'yolo-seg' as const, outDir: out, simplify: 3 };
    const result = await exportDataset(fx.dataset, options);
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.issues.length).toBeGreaterThan(0);
    expect(report.issues.every((i) => i.iou < 0.98)).toBe(true);
  });
});
