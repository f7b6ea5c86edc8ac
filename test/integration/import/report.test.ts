import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../main/services/export/png.js';
import { LEGEND_FORMAT } from '../../../main/services/export/pngMasks.js';
import { readDatasetReport } from '../../../main/services/import/readDataset.js';
import { isSamlabelError } from '../../../shared/errors.js';
import { rleArea } from '../../../shared/masks/rle.js';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { put, scannedProject } from './helpers.js';

let root: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-report-'));
  env = { SAMLABEL_CONFIG_DIR: join(root, 'config') };
  process.env.SAMLABEL_CONFIG_DIR = env.SAMLABEL_CONFIG_DIR;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (err: unknown) => err,
  );
}

/** A VOC folder: each id gets an image of `size` and class/object masks of `maskSize` (default the same). */
function vocFolder(dir: string, ids: Array<{ id: string; size: [number, number]; maskSize?: [number, number] }>): string {
  for (const { id, size, maskSize } of ids) {
    put(join(dir, 'JPEGImages', `${id}.png`), tinyPng(size[0], size[1]));
    const [w, h] = maskSize ?? size;
    const indices = new Uint8Array(w * h);
    indices.fill(1, 0, w * 2);
    const png = encodePng({ kind: 'palette', width: w, height: h, indices, palette: [[0, 0, 0], [128, 0, 0]] });
    put(join(dir, 'SegmentationClass', `${id}.png`), png);
    put(join(dir, 'SegmentationObject', `${id}.png`), png);
  }
  put(join(dir, 'labelmap.txt'), '# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:128,0,0::\n');
  return dir;
}

describe('nothing is dropped silently', () => {
  it('reports a VOC class mask of another size instead of claiming every image matched; --strict imports nothing', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const project = await scannedProject(join(root, 'voc-project'), Object.fromEntries(ids.map((id) => [`${id}.png`, [16, 12] as const])));
    const voc = vocFolder(join(root, 'voc'), ids.map((id) => ({ id, size: [16, 12], maskSize: id === 'c' ? [20, 12] : undefined })));

    const strict = runSamlabel(['import', project, voc, '--format', 'voc', '--strict'], env);
    expect(strict.status).toBe(1);
    expect(oneLine(strict.stderr)).toMatch(/ImportError: 1 items would be skipped \(1 size-mismatch\); nothing imported \(--strict\)/);
    expect(strict.stdout).toMatch(/size-mismatch: c\.png: .*SegmentationClass\/c\.png is 20×12, the image .* is 16×12/);

    const run = runSamlabel(['import', project, voc, '--format', 'voc'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Four annotations: --strict wrote nothing before this run.
    expect(run.stdout).toMatch(/^4 of 5 images matched; 4 annotations added/);
    expect(run.stdout).toMatch(/skipped 1 \(1 size-mismatch\):\n {2}size-mismatch: c\.png: /);
  });

  it('refuses a COCO file with a repeated category id, naming the id and the file', async () => {
    const coco = { images: [], categories: [{ id: 1, name: 'cat' }, { id: 2, name: 'dog' }, { id: 1, name: 'bird' }], annotations: [] };
    const file = put(join(root, 'dup', 'instances.json'), JSON.stringify(coco));
    const err = await rejection(readDatasetReport('coco', file));
    expect(isSamlabelError(err, 'ImportError') && err.message).toBe(`${file}: category id 1 appears more than once (categories.2)`);
  });

  it('reports COCO annotations it cannot use: unknown category, unknown image, box only, outside the image, no area', async () => {
    const seg = (poly: number[]) => ({ image_id: 1, category_id: 1, segmentation: [poly] });
    const coco = {
      images: [{ id: 1, file_name: 'a.png', width: 20, height: 10 }],
      categories: [{ id: 1, name: 'x' }],
      annotations: [
        seg([1, 1, 5, 1, 5, 5]),
        { image_id: 1, category_id: 9, segmentation: [[1, 1, 5, 1, 5, 5]] },
        { image_id: 4, category_id: 1, segmentation: [[1, 1, 5, 1, 5, 5]] },
        { image_id: 1, category_id: 1, bbox: [1, 1, 3, 3], segmentation: [] },
        seg([30, 1, 40, 1, 40, 5]),
        seg([1, 1, 5, 1, 9, 1]),
      ],
    };
    const read = await readDatasetReport('coco', put(join(root, 'skips', 'c.json'), JSON.stringify(coco)));
    expect(read.dataset.annotations).toHaveLength(1);
    expect(read.skipped.map((s) => [s.reason, s.item])).toEqual([
      ['unknown-label', 'annotations.1'],
      ['unknown-image', undefined],
      ['degenerate', 'annotations.3'],
      ['outside-image', 'annotations.4'],
      ['degenerate', 'annotations.5'],
    ]);
    expect(read.skipped[1].detail).toMatch(/annotations\.2: image_id 4/);
  });

  it('reports labelme shapes without area, of unknown types or malformed, and keeps the rest of the file', async () => {
    const shapes = [
      { label: 'ok', points: [[1, 1], [8, 6]], shape_type: 'rectangle' },
      { label: 'l', points: [[0, 0], [5, 5]], shape_type: 'line' },
      { label: 'c', points: [[1, 1], [2, 2], [3, 3]], shape_type: 'cubic' },
      { label: 'bad', points: [[1, 'x']], shape_type: 'polygon' },
      { label: 'far', points: [[1, 1], [Number.MAX_VALUE, 1], [1, 2]], shape_type: 'polygon' },
    ];
    const file = put(join(root, 'lm', 'a.json'), JSON.stringify({ imagePath: 'a.png', shapes, imageHeight: 10, imageWidth: 10 }));
    const read = await readDatasetReport('labelme', file);
    expect(read.dataset.annotations.map((a) => rleArea(a.rle))).toEqual([35]);
    expect(read.skipped.map((s) => [s.reason, s.item])).toEqual([
      ['bad-geometry', 'shapes.3'],
      ['degenerate', 'shapes.1'],
      ['unsupported-shape', 'shapes.2'],
      ['bad-geometry', 'shapes.4'],
    ]);
  });

  it('reports a PNG-masks image whose instance PNG is not the legend size and an object of an unknown category', async () => {
    const dir = join(root, 'png');
    const values = new Uint16Array(6 * 4).fill(1, 0, 8);
    put(join(dir, 'a.png'), encodePng({ kind: 'gray16', width: 6, height: 4, values }));
    put(join(dir, 'b.png'), encodePng({ kind: 'gray16', width: 5, height: 4, values: new Uint16Array(20) }));
    const objects = [{ value: 1, category: 1 }, { value: 2, category: 7 }];
    const images = [
      { image: 'images/a.jpg', width: 6, height: 4, instances: 'a.png', objects },
      { image: 'images/b.jpg', width: 6, height: 4, instances: 'b.png', objects: [] },
    ];
    put(join(dir, 'legend.json'), JSON.stringify({ format: LEGEND_FORMAT, categories: [{ value: 1, name: 'x' }], images }));
    const read = await readDatasetReport('masks-png', dir);
    expect(read.dataset.images.map((i) => i.relPath)).toEqual(['a.jpg']);
    expect(read.skipped.map((s) => [s.reason, s.image, s.item])).toEqual([
      ['unknown-label', 'a.jpg', 'object 2'],
      ['size-mismatch', 'b.jpg', undefined],
    ]);
  });

  it('leaves out images the project holds at another size, and says so', async () => {
    const project = await scannedProject(join(root, 'size-project'), { 'a.png': [32, 24], 'b.png': [64, 48] });
    const coco = {
      images: [{ id: 1, file_name: 'a.png', width: 64, height: 48 }, { id: 2, file_name: 'b.png', width: 64, height: 48 }],
      categories: [{ id: 1, name: 'x' }],
      annotations: [1, 2].map((image_id) => ({ image_id, category_id: 1, segmentation: [[1, 1, 20, 1, 20, 20, 1, 20]] })),
    };
    writeFileSync(join(root, 'sizes.json'), JSON.stringify(coco));
    const run = runSamlabel(['import', project, join(root, 'sizes.json'), '--format', 'coco', '--json'], env);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { imagesMatched: number; annotationsAdded: number; skipped: Array<{ reason: string; image: string; detail: string }> };
    expect(result).toMatchObject({ imagesMatched: 1, annotationsAdded: 1 });
    expect(result.skipped).toEqual([{ reason: 'size-mismatch', file: expect.any(String), image: 'a.png', detail: "the dataset's image is 64×48, the project's 32×24" }]);
  });

  it('prints names from the files with control characters escaped', async () => {
    const project = await scannedProject(join(root, 'esc-project'), { 'a.png': [16, 12] });
    const shapes = [
      { label: 'ok\u001b[2J', points: [[1, 1], [8, 6]], shape_type: 'rectangle' },
      { label: 'x', points: [[1, 1], [8, 6]], shape_type: '\u001b[31mred\u0007' },
    ];
    put(join(root, 'esc', 'a.json'), JSON.stringify({ imagePath: 'a.png', shapes, imageHeight: 12, imageWidth: 16 }));
    const run = runSamlabel(['import', project, join(root, 'esc'), '--format', 'labelme'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stdout).toMatch(/bad-label: .*esc: 1 annotations: label name must be 1 to 200 printable characters, got "ok\\x1b\[2J"/);
    expect(run.stdout).toContain('unsupported-shape: a.png shapes.1: shape_type "\\x1b[31mred\\x07" is not imported');
  });
});
