import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeRle, maskBbox, type Rle } from '../../../shared/masks/rle.js';
import { runSamlabel } from '../../helpers/cli.js';
import { SAMPLES, tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { boxDecoder, discDecoder, type TinyModelPaths } from '../../helpers/tinyModels.js';

// The disc decoder of generator.test.ts: on 200×100, radii 10 / 30 / 200 px with predicted IoU 0.95 / 0.9 / 0.89.
const KNOWN = ['--points-per-side', '2', '--stability-score-thresh', '0.8'];
const SEVEN = ['area', 'bbox', 'crop_box', 'point_coords', 'predicted_iou', 'segmentation', 'stability_score'];

let models: TinyModelPaths;
let disc: string;
let box: string;
let folder: string;
const env = { SAMLABEL_CACHE_DIR: tempDir('auto-cli-cache') };

beforeAll(async () => {
  models = tinyModels();
  const dir = tempDir('auto-cli-models');
  disc = `${models.encoder},${join(dir, 'disc.onnx')}`;
  box = `${models.encoder},${join(dir, 'box.onnx')}`;
  writeFileSync(join(dir, 'disc.onnx'), discDecoder([0.05, 0.05, 0.15, 1.0], [0.5, 0.95, 0.9, 0.89]));
  writeFileSync(join(dir, 'box.onnx'), boxDecoder([0.9, 0.6, 0.7, 0.8]));
  folder = tempDir('auto-cli-images');
  await writeTestImage(join(folder, 'a.jpg'), 200, 100, { orientation: 6 });
  mkdirSync(join(folder, 'sub'));
  await writeTestImage(join(folder, 'sub', 'b.jpg'), 200, 100);
});

interface Record7 {
  segmentation: Rle;
  area: number;
  bbox: number[];
  predicted_iou: number;
  point_coords: number[][];
  stability_score: number;
  crop_box: number[];
}

/** Every record has exactly SAM's seven fields, and area / bbox are those of its segmentation. */
function expectConsistent(records: Record7[], width: number, height: number): void {
  for (const r of records) {
    expect(Object.keys(r).sort()).toEqual(SEVEN);
    expect(typeof r.segmentation.counts).toBe('string'); // coco_rle by default
    const mask = decodeRle(r.segmentation);
    expect([mask.width, mask.height]).toEqual([width, height]);
    expect(r.area).toBe(mask.data.reduce((a, v) => a + v, 0));
    expect(r.bbox).toEqual(maskBbox(mask));
  }
}

describe('samlabel auto', () => {
  it('one image: records as JSON on stdout and in --out, plus an overlay PNG', async () => {
    const out = tempDir('auto-one');
    const run = runSamlabel(['auto', join(folder, 'a.jpg'), '--model', disc, ...KNOWN, '--out', out, '--json', '--overlay', join(out, 'overlay.png')], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { image: { width: number; height: number }; params: Record<string, unknown>; records: Record7[] };
    expect(json.image).toMatchObject({ width: 200, height: 100 });
    expect(json.params).toMatchObject({ points_per_side: 2, stability_score_thresh: 0.8, pred_iou_thresh: 0.88, output_mode: 'coco_rle' });
    expect(json.records.map((r) => r.area)[0]).toBe(200 * 100);
    expect(json.records).toHaveLength(5);
    expectConsistent(json.records, 200, 100);
    expect(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'))).toEqual(json);
    const meta = await sharp(join(out, 'overlay.png')).metadata();
    expect([meta.width, meta.height]).toEqual([200, 100]);
  });

  it('a folder: one JSON line per image, and a second run resumes (skips both)', () => {
    const out = tempDir('auto-folder');
    const first = runSamlabel(['auto', folder, '--model', disc, ...KNOWN, '--out', out, '--json'], env);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { image: { path: string } });
    expect(lines.map((l) => l.image.path)).toEqual([join(folder, 'a.jpg'), join(folder, 'sub', 'b.jpg')]);
    expect(existsSync(join(out, 'sub', 'b.json'))).toBe(true);
    const again = runSamlabel(['auto', folder, '--model', disc, ...KNOWN, '--out', out], env);
    expect(again.stdout).toMatch(/0 mask\(s\) for 0 image\(s\) .*; 2 already done/);
  });

  it('--into-project adds annotations with source auto that need review, once', () => {
    const project = tempDir('auto-project');
    copyFileSync(join(folder, 'a.jpg'), join(project, 'a.jpg'));
    expect(runSamlabel(['project', 'init', project], env).status).toBe(0);
    expect(runSamlabel(['project', 'scan', project], env).status).toBe(0);
    const args = ['auto', project, '--model', disc, ...KNOWN, '--out', tempDir('auto-project-out'), '--into-project', '--label', 'thing'];
    const run = runSamlabel(args, env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const db = new Database(join(project, '.samlabel', 'project.db'), { readonly: true });
    const rows = () => db.prepare('SELECT a.source, a.review, l.name FROM annotations a JOIN labels l ON l.id = a.label_id').all();
    expect(rows()).toEqual(Array.from({ length: 5 }, () => ({ source: 'auto', review: 'needs_review', name: 'thing' })));
    expect(runSamlabel(args, env).status).toBe(0);
    expect(rows()).toHaveLength(5);
    db.close();
  });

  it('refuses a bad knob with its SAM name (usage error)', () => {
    const run = runSamlabel(['auto', join(folder, 'a.jpg'), '--model', disc, '--output-mode', 'png'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--output-mode must be one of binary_mask, uncompressed_rle, coco_rle/);
    const range = runSamlabel(['auto', join(folder, 'a.jpg'), '--model', disc, '--pred-iou-thresh', '2'], env);
    expect(range.status).toBe(1);
    expect(range.stderr).toMatch(/pred_iou_thresh must be in \[0, 1\]/);
  });

  it('works with builtin-classic on a sample photo: seven consistent fields per record', () => {
    const out = tempDir('auto-builtin');
    const run = runSamlabel(['auto', join(SAMPLES, 'dog.jpg'), '--points-per-side', '6', '--out', out, '--json'], env);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { image: { width: number; height: number }; records: Record7[] };
    expect(json.records.length).toBeGreaterThan(0);
    expectConsistent(json.records, json.image.width, json.image.height);
    const areas = json.records.map((r) => r.area);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
  });
});

describe('samlabel boxes', () => {
  it('turns YOLO boxes into masks, keeping class and score (COCO JSON with RLE)', () => {
    const det = tempDir('boxes-yolo');
    // a.jpg is 200×100 as seen: box [50, 25, 150, 75] and [10, 10, 30, 90].
    writeFileSync(join(det, 'a.txt'), '1 0.5 0.5 0.5 0.5 0.87\n0 0.1 0.5 0.1 0.8\n');
    writeFileSync(join(det, 'classes.txt'), 'person\ncar\n');
    const out = join(tempDir('boxes-out'), 'masks.json');
    const run = runSamlabel(['boxes', join(folder, 'a.jpg'), '--model', box, '--detections', det, '--out', out], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const coco = JSON.parse(readFileSync(out, 'utf8')) as { categories: Array<{ id: number; name: string }>; annotations: Array<{ category_id: number; score: number | null; bbox: number[]; area: number; segmentation: Rle }> };
    const name = (id: number) => coco.categories.find((c) => c.id === id)?.name;
    expect(coco.annotations.map((a) => [name(a.category_id), a.score])).toEqual([
      ['car', 0.87],
      ['person', null],
    ]);
    // The box decoder fills the prompt box: the masks are the boxes, to a pixel.
    const [car, person] = coco.annotations;
    car.bbox.forEach((v, i) => expect(Math.abs(v - [50, 25, 100, 50][i])).toBeLessThanOrEqual(1));
    person.bbox.forEach((v, i) => expect(Math.abs(v - [10, 10, 20, 80][i])).toBeLessThanOrEqual(1));
    expect(car.area).toBe(decodeRle(car.segmentation).data.reduce((a, v) => a + v, 0));
  });

  it('reads COCO detections and matches images by file name', () => {
    const det = join(tempDir('boxes-coco'), 'det.json');
    const coco = { images: [{ id: 7, file_name: 'sub/b.jpg' }], annotations: [{ image_id: 7, category_id: 3, bbox: [20, 20, 60, 40], score: 0.5 }], categories: [{ id: 3, name: 'cat' }] };
    writeFileSync(det, JSON.stringify(coco));
    const run = runSamlabel(['boxes', folder, '--model', box, '--detections', det, '--best-of-3', '--json', '--out', join(tempDir('boxes-coco-out'), 'o.json')], env);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { images: Array<{ file_name: string }>; annotations: Array<{ bbox: number[]; score: number }> };
    expect(json.images.map((i) => i.file_name)).toEqual(['sub/b.jpg']);
    expect(json.annotations[0].score).toBe(0.5);
    json.annotations[0].bbox.forEach((v, i) => expect(Math.abs(v - [20, 20, 60, 40][i])).toBeLessThanOrEqual(1));
  });
});
