import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../main/services/export/png.js';
import { LEGEND_FORMAT } from '../../../main/services/export/pngMasks.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { put, runBounded, scannedProject, type BoundedRun } from './helpers.js';

/**
 * Hostile files from the issue, each imported by the real CLI in a child process with a 256 MB heap and a time
 * limit: it must end with a typed one-line error or with the shape reported as skipped (or correctly clipped),
 * never with heap exhaustion, a hang, or a raw JS error.
 */
let root: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-hostile-'));
  env = { SAMLABEL_CONFIG_DIR: join(root, 'config') };
  process.env.SAMLABEL_CONFIG_DIR = env.SAMLABEL_CONFIG_DIR;
  project = await scannedProject(join(root, 'project'), { 'a.png': [64, 48] });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Report {
  annotationsAdded: number;
  skipped: Array<{ reason: string; detail: string }>;
}

function importJson(path: string, format: string): { run: BoundedRun; report: Report } {
  const run = runBounded(['import', project, path, '--format', format, '--json'], env);
  expect(run.timedOut, 'ran past its time limit').toBe(false);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return { run, report: JSON.parse(run.stdout) as Report };
}

function typedFailure(path: string, format: string): string {
  const run = runBounded(['import', project, path, '--format', format], env);
  expect(run.timedOut, 'ran past its time limit').toBe(false);
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^samlabel: ImportError: /);
  return lines[0];
}

const reasons = (r: Report): string[] => r.skipped.map((s) => s.reason).sort();

function labelme(dir: string, shapes: unknown[], extra: Record<string, unknown> = { imageHeight: 48, imageWidth: 64 }): string {
  put(join(dir, 'a.json'), JSON.stringify({ version: '5.5.0', flags: {}, imagePath: 'a.png', imageData: null, shapes, ...extra }));
  return dir;
}

describe('hostile import files stay bounded', { timeout: 240_000 }, () => {
  it('skips a labelme circle of radius 1.4e7 as bad geometry instead of growing memory without bound', () => {
    const dir = labelme(join(root, 'circle'), [{ label: 'o', points: [[32, 24], [32 + 1.4e7, 24]], shape_type: 'circle', group_id: null, flags: {} }]);
    const { report } = importJson(dir, 'labelme');
    expect(reasons(report)).toEqual(['bad-geometry']);
    expect(report.annotationsAdded).toBe(0);
  });

  it('skips a YOLO box `0 0.5 0.5 1e5 1e5` as bad geometry', () => {
    const dir = join(root, 'yolo');
    put(join(dir, 'images', 'train', 'a.png'), tinyPng(64, 48));
    put(join(dir, 'labels', 'train', 'a.txt'), '0 0.5 0.5 1e5 1e5\n');
    put(join(dir, 'data.yaml'), 'train: images/train\nnames: [x]\n');
    expect(reasons(importJson(dir, 'yolo-seg').report)).toEqual(['bad-geometry']);
  });

  it('skips a COCO polygon at ±4e7 and clips one a few image sizes out to the whole image', () => {
    const far = 4e7;
    const near = 3000;
    const coco = {
      images: [{ id: 0, file_name: 'a.png', width: 64, height: 48 }],
      categories: [{ id: 0, name: 'x' }],
      annotations: [
        { id: 1, image_id: 0, category_id: 0, segmentation: [[-far, -far, far, -far, far, far, -far, far]] },
        { id: 2, image_id: 0, category_id: 0, segmentation: [[-near, -near, near, -near, near, near, -near, near]] },
      ],
    };
    const { report } = importJson(put(join(root, 'coco', 'c.json'), JSON.stringify(coco)), 'coco');
    expect(reasons(report)).toEqual(['bad-geometry']);
    expect(report.annotationsAdded).toBe(1);
  });

  it('refuses a masks-png legend value of 2000000000 with a typed error (it crashed V8)', () => {
    const dir = join(root, 'png-value');
    put(join(dir, 'a.png'), encodePng({ kind: 'gray16', width: 64, height: 48, values: new Uint16Array(64 * 48) }));
    const objects = [{ value: 2_000_000_000, category: 1 }];
    put(join(dir, 'legend.json'), JSON.stringify({ format: LEGEND_FORMAT, categories: [{ value: 1, name: 'x' }], images: [{ image: 'images/a.png', width: 64, height: 48, instances: 'a.png', objects }] }));
    expect(typedFailure(dir, 'masks-png')).toMatch(/legend\.json: images\.0\.objects\.0\.value/);
  });

  it('never reads /dev/zero: a labelme imagePath symlinked to it, a legend pointing at it, a YOLO image linked to it', () => {
    const lm = labelme(join(root, 'devzero-lm'), [{ label: 'o', points: [[1, 1], [9, 9]], shape_type: 'rectangle' }], {});
    symlinkSync('/dev/zero', join(lm, 'a.png'));
    expect(importJson(lm, 'labelme').report.skipped).toMatchObject([{ reason: 'unreadable', detail: expect.stringMatching(/leads outside the dataset folder/) }]);

    const png = join(root, 'devzero-png');
    put(join(png, 'other.txt'), '');
    symlinkSync('/dev/zero', join(png, 'z.png'));
    const entries = ['z.png', '../../../../../../../../dev/zero'].map((instances, i) => ({ image: `images/${i}.png`, width: 64, height: 48, instances, objects: [] }));
    put(join(png, 'legend.json'), JSON.stringify({ format: LEGEND_FORMAT, categories: [], images: entries }));
    const pngSkips = importJson(png, 'masks-png').report.skipped;
    expect(pngSkips.map((s) => s.reason)).toEqual(['unreadable', 'unreadable']);
    expect(pngSkips[1].detail).toMatch(/leads outside the dataset folder|not a regular file/);

    const yolo = join(root, 'devzero-yolo');
    put(join(yolo, 'data.yaml'), 'train: images\nnames: [x]\n');
    put(join(yolo, 'images', 'b.png'), tinyPng(64, 48));
    symlinkSync('/dev/zero', join(yolo, 'images', 'a.png'));
    const yoloSkips = importJson(yolo, 'yolo-seg').report.skipped;
    expect(yoloSkips.map((s) => s.reason)).toEqual(['unreadable', 'not-in-project']);
    expect(yoloSkips[0]).toMatchObject({ image: 'a.png', detail: expect.stringMatching(/leads outside the dataset folder/) });
  });

  it('reads images linked into the project (as exports link them), not images linked elsewhere', () => {
    const dir = labelme(join(root, 'links'), [{ label: 'o', points: [[1, 1], [9, 9]], shape_type: 'rectangle' }], {});
    symlinkSync(join(project, 'a.png'), join(dir, 'a.png'));
    expect(importJson(dir, 'labelme').report).toMatchObject({ annotationsAdded: 1, skipped: [] });
    const away = labelme(join(root, 'away'), [{ label: 'o', points: [[1, 1], [9, 9]], shape_type: 'rectangle' }], {});
    symlinkSync(put(join(root, 'elsewhere', 'a.png'), tinyPng(64, 48)), join(away, 'a.png'));
    expect(importJson(away, 'labelme').report.skipped).toMatchObject([{ reason: 'unreadable', detail: expect.stringMatching(/leads outside the dataset folder/) }]);
  });

  it('does not block on a FIFO named like a labelme file', () => {
    // A rectangle no other case imports: the project is shared and merges skip duplicates.
    const dir = labelme(join(root, 'fifo'), [{ label: 'o', points: [[2, 3], [11, 12]], shape_type: 'rectangle' }]);
    execFileSync('mkfifo', [join(dir, 'b.json')]);
    const { report } = importJson(dir, 'labelme');
    expect(report.annotationsAdded).toBe(1);
    expect(report.skipped).toMatchObject([{ reason: 'unreadable', detail: expect.stringMatching(/not a regular file/) }]);
  });

  it('refuses image sizes that would size a huge allocation, and a folder named like a COCO file, with typed errors', () => {
    const coco = { images: [{ id: 1, file_name: 'a.png', width: 1e9, height: 1e9 }], categories: [], annotations: [] };
    expect(typedFailure(put(join(root, 'huge', 'c.json'), JSON.stringify(coco)), 'coco')).toMatch(/over the \d+-pixel limit/);
    put(join(root, 'eisdir', 'x.json', 'inner.txt'), '');
    expect(typedFailure(join(root, 'eisdir'), 'coco')).toMatch(/x\.json is not a regular file/);
  });
});
