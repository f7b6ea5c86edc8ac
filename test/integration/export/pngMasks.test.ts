import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeRle } from '../../../shared/masks/rle.js';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { vocColor } from '../../../main/services/export/palette.js';
import { verifyExport } from '../../../main/services/export/verify.js';
import { readDataset } from '../../../main/services/import/readDataset.js';
import { annotationsOf, exportedMasks, makeFixture, pixelsDiffering, type Fixture } from './fixture.js';

/** Decodes PNGs with Pillow (system python), an independent decoder: mode, palette and every pixel value. */
const PIL_READ = `
import json, sys
from PIL import Image
for path in sys.argv[1:]:
    im = Image.open(path)
    pal = im.getpalette()
    print(json.dumps({'mode': im.mode, 'size': list(im.size), 'values': list(im.getdata()), 'palette': pal[:768] if pal else None}))
`;

interface PilImage {
  mode: string;
  size: [number, number];
  values: number[];
  palette: number[] | null;
}

function readWithPil(...files: string[]): PilImage[] {
  const run = spawnSync('/usr/bin/python3', ['-c', PIL_READ, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`Pillow failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as PilImage);
}

let fx: Fixture;
beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.cleanup());

describe('PNG masks export', () => {
  it('writes a 16-bit instance PNG and an 8-bit palette class PNG, overlaps won by the higher z-order', async () => {
    const out = join(fx.root, 'png');
    await exportDataset(fx.dataset, { format: 'masks-png', outDir: out });
    const [instances, semantic] = readWithPil(join(out, 'instances', 'a.png'), join(out, 'semantic', 'a.png'));
    // Pillow 9 (Debian 12) opens 16-bit grey as 'I', later ones as 'I;16'; the header says 16 bits, grey.
    expect(instances.mode).toMatch(/^I(;16)?$/);
    expect([...readFileSync(join(out, 'instances', 'a.png')).subarray(24, 26)]).toEqual([16, 0]);
    expect(semantic.mode).toBe('P');
    expect(semantic.palette?.slice(0, 9)).toEqual([0, 0, 0, 0, 255, 0, 255, 0, 0]);
    const masks = annotationsOf(fx.dataset, 'a.png').map((a) => decodeRle(a.rle).data);
    // Disc (value 1, cat = class 2) and square (value 4, z 5, dog = class 1) overlap: the square wins.
    const overlap = masks[0].findIndex((v, p) => v === 1 && masks[3][p] === 1);
    expect(overlap).toBeGreaterThanOrEqual(0);
    expect(instances.values[overlap]).toBe(4);
    expect(semantic.values[overlap]).toBe(1);
    const discOnly = masks[0].findIndex((v, p) => v === 1 && masks[3][p] === 0);
    expect([instances.values[discOnly], semantic.values[discOnly]]).toEqual([1, 2]);
  });

  it('writes legend.json tying values to labels and annotation fields', async () => {
    const out = join(fx.root, 'png');
    await exportDataset(fx.dataset, { format: 'masks-png', outDir: out });
    const legend = JSON.parse(readFileSync(join(out, 'legend.json'), 'utf8')) as { categories: unknown[]; images: Array<{ image: string; objects: unknown[] }> };
    expect(legend.categories[0]).toEqual({ value: 1, name: 'dog', supercategory: 'animal', color: '#00ff00' });
    expect(legend.images.map((i) => i.image)).toEqual(['images/a.png', 'images/c.png', 'images/e.png', 'images/sub/b.jpg']);
    expect(legend.images[0].objects[0]).toEqual({ value: 1, category: 2, iscrowd: 0, zOrder: 0, score: 0.93, attributes: { occluded: false, note: 'left' } });
  });

  it('round-trips pixel-exact where nothing is hidden; verify reports the mask the z-order hid', async () => {
    const out = join(fx.root, 'png');
    const options = { format: 'masks-png' as const, outDir: out, split: { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] } };
    const result = await exportDataset(fx.dataset, options);
    const back = await readDataset('masks-png', out);
    for (const rel of ['sub/b.jpg', 'e.png']) {
      const want = exportedMasks(fx.dataset, rel);
      const got = annotationsOf(back, rel);
      expect(got.map((a, i) => pixelsDiffering(a.rle, want[i].rle))).toEqual(want.map(() => 0));
      expect(got.map((a) => a.iscrowd)).toEqual(want.map((a) => a.iscrowd));
    }
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.issues.map((i) => i.annotationId)).toEqual([annotationsOf(fx.dataset, 'a.png')[0].id]);
    expect(report.issues[0].pixelsDiffering).toBeGreaterThan(0);
  });
});

describe('Pascal VOC export', () => {
  it('writes SegmentationClass and SegmentationObject palette PNGs with the VOC colour map', async () => {
    const out = join(fx.root, 'voc');
    await exportDataset(fx.dataset, { format: 'voc', outDir: out, split: { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] } });
    const [cls, obj] = readWithPil(join(out, 'SegmentationClass', 'sub__b.png'), join(out, 'SegmentationObject', 'sub__b.png'));
    expect(cls.mode).toBe('P');
    expect(cls.palette?.slice(0, 6)).toEqual([0, 0, 0, 128, 0, 0]);
    expect(cls.palette?.slice(255 * 3, 256 * 3)).toEqual([224, 224, 192]);
    expect(new Set(obj.values)).toEqual(new Set([0, 1, 2]));
    expect(new Set(cls.values)).toEqual(new Set([0, 1, 2]));
    const lists = ['train', 'val'].map((s) => readFileSync(join(out, 'ImageSets', 'Segmentation', `${s}.txt`), 'utf8').trim().split('\n'));
    expect(lists.flat().sort()).toEqual(['a', 'c', 'e', 'sub__b']);
    expect(readFileSync(join(out, 'labelmap.txt'), 'utf8')).toContain(`dog:${vocColor(1).join(',')}::`);
  });

  it('draws the 255 void band along boundaries when asked, and verify reports the pixels it costs', async () => {
    const out = join(fx.root, 'voc');
    const options = { format: 'voc' as const, outDir: out, voidBorder: 4 };
    const result = await exportDataset(fx.dataset, options);
    const [obj] = readWithPil(join(out, 'SegmentationObject', 'e.png'));
    expect(obj.values.filter((v) => v === 255).length).toBeGreaterThan(100);
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.issues.length).toBe(report.checked);
  });

  it('round-trips pixel-exact without a void border', async () => {
    const out = join(fx.root, 'voc');
    const options = { format: 'voc' as const, outDir: out };
    const result = await exportDataset(fx.dataset, options);
    const back = await readDataset('voc', out);
    expect(back.images.map((i) => i.relPath)).toEqual(['a.png', 'c.png', 'e.png', 'sub/b.jpg']);
    const want = exportedMasks(fx.dataset, 'sub/b.jpg');
    expect(annotationsOf(back, 'sub/b.jpg').map((a, i) => pixelsDiffering(a.rle, want[i].rle))).toEqual([0, 0]);
    const report = await verifyExport(fx.dataset, result, options);
    expect(report.issues.map((i) => i.annotationId)).toEqual([annotationsOf(fx.dataset, 'a.png')[0].id]);
  });
});
