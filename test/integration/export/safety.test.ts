import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, verifyManifest } from '../../../main/services/export/manifest.js';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { makeLabelledProject, snapshotTree, writeImages, type ImageSpec } from './safetyFixture.js';

/**
 * Regression tests for the data-loss probe of issue 11: every case once replaced, deleted or overwrote a user's
 * file with exit 0. Each runs the real CLI and proves the user's files are byte for byte what they were.
 */
let root: string;
let env: NodeJS.ProcessEnv;
const IMAGES: ImageSpec[] = [
  { rel: 'dog.jpg', width: 40, height: 30 },
  { rel: 'cat.png', width: 32, height: 24 },
];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-safety-'));
  env = { SAMLABEL_CONFIG_DIR: join(root, 'config'), SAMLABEL_CACHE_DIR: join(root, 'cache') };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = (): string => join(root, `case${++n}`);

function expectRefused(args: string[], pattern: RegExp): void {
  const run = runSamlabel(args, env);
  expect(run.status, run.stderr).toBe(1);
  expect(oneLine(run.stderr)).toMatch(pattern);
}

describe('an export never replaces the project images', () => {
  it.each([
    ['labelme', 'photos', '.'],
    ['coco', 'X/images', 'X'],
    ['masks-png', 'X/images', 'X'],
    ['yolo-seg', 'X/images/train', 'X'],
    ['voc', 'X/JPEGImages', 'X'],
  ])('%s with the project at %s exported to %s is refused and the photos stay', async (format, projectRel, outRel) => {
    const base = fresh();
    const project = join(base, projectRel);
    await makeLabelledProject(project, IMAGES);
    const out = outRel === '.' ? project : join(base, outRel);
    const before = snapshotTree(base);
    expectRefused(['export', project, '--format', format, '--out', out], /ExportRefused: .*holds the project's image/);
    expectRefused(['export', project, '--format', format, '--out', out, '--copy-images'], /ExportRefused/);
    expect(snapshotTree(base)).toEqual(before);
  });

  it('refuses an output folder reached through a link to the images', async () => {
    const base = fresh();
    await makeLabelledProject(join(base, 'photos'), IMAGES);
    symlinkSync(join(base, 'photos'), join(base, 'alias'));
    const before = snapshotTree(join(base, 'photos'));
    expectRefused(['export', join(base, 'photos'), '--format', 'coco', '--out', join(base, 'alias')], /holds the project's image/);
    expect(snapshotTree(join(base, 'photos'))).toEqual(before);
  });
});

describe('an export never writes over files it did not create', () => {
  it('refuses a folder holding the user files (images/dog.jpg, instances_train.json), also with --overwrite', async () => {
    const base = fresh();
    await makeLabelledProject(join(base, 'p'), IMAGES);
    const out = join(base, 'mine');
    mkdirSync(join(out, 'images'), { recursive: true });
    writeFileSync(join(out, 'images', 'dog.jpg'), 'my own photo');
    writeFileSync(join(out, 'instances_train.json'), '{"mine": true}');
    const before = snapshotTree(out);
    expectRefused(['export', join(base, 'p'), '--format', 'coco', '--out', out], /holds files samlabel did not write/);
    expectRefused(['export', join(base, 'p'), '--format', 'coco', '--out', out, '--overwrite'], /holds files samlabel did not write/);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(base).filter((e) => e.includes('samlabel-'))).toEqual([]);
  });

  it('replaces an earlier export only with --overwrite, and leaves none of its stale files', async () => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, [...IMAGES, { rel: 'owl.png', width: 20, height: 20 }, { rel: 'fox.png', width: 20, height: 20 }]);
    const out = join(base, 'ds');
    expect(runSamlabel(['export', p, '--format', 'coco', '--out', out, '--split', 'train=0.5,val=0.5'], env).status).toBe(0);
    expect(existsSync(join(out, 'instances_val.json'))).toBe(true);
    expectRefused(['export', p, '--format', 'coco', '--out', out], /earlier samlabel export; --overwrite replaces it/);
    const run = runSamlabel(['export', p, '--format', 'coco', '--out', out, '--overwrite', '--verify'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([MANIFEST_FILE, 'images', 'instances_train.json']);
    const train = JSON.parse(readFileSync(join(out, 'instances_train.json'), 'utf8')) as { images: unknown[] };
    expect(train.images).toHaveLength(4);
  });

  it('refuses --overwrite when a file of the earlier export was edited or one was added by hand', async () => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, IMAGES);
    const out = join(base, 'ds');
    expect(runSamlabel(['export', p, '--format', 'yolo-seg', '--out', out], env).status).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'my notes');
    expectRefused(['export', p, '--format', 'yolo-seg', '--out', out, '--overwrite'], /notes\.txt was not written by the earlier export/);
    rmSync(join(out, 'notes.txt'));
    writeFileSync(join(out, 'data.yaml'), 'edited by hand\n');
    const before = snapshotTree(out);
    expectRefused(['export', p, '--format', 'yolo-seg', '--out', out, '--overwrite'], /data\.yaml changed since samlabel wrote it/);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('--verify finds a file changed after the export', async () => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, IMAGES);
    const out = join(base, 'ds');
    expect(runSamlabel(['export', p, '--format', 'masks-png', '--out', out], env).status).toBe(0);
    expect((await verifyManifest(out)).problems).toEqual([]);
    writeFileSync(join(out, 'legend.json'), '{}');
    writeFileSync(join(out, 'extra.png'), 'x');
    const check = await verifyManifest(out);
    expect(check.problems).toEqual(expect.arrayContaining([{ path: 'legend.json', problem: 'size' }, { path: 'extra.png', problem: 'unlisted' }]));
  });

  it('refuses --out "" as a usage error instead of writing into the current folder', async () => {
    const base = fresh();
    await makeLabelledProject(join(base, 'p'), IMAGES);
    const run = runSamlabel(['export', join(base, 'p'), '--format', 'coco', '--out', ''], env);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/--out must name a folder/);
  });
});

describe('labelme --beside-images', () => {
  it('gives dog.jpg and dog.png distinct JSON files, each valid and naming its own image', async () => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, [
      { rel: 'dog.jpg', width: 40, height: 30 },
      { rel: 'dog.png', width: 32, height: 24 },
    ]);
    const run = runSamlabel(['export', p, '--format', 'labelme', '--beside-images', '--verify'], env);
    expect(run.status, run.stderr).toBe(0);
    for (const [json, image, width] of [['dog_jpg.json', 'dog.jpg', 40], ['dog_png.json', 'dog.png', 32]] as const) {
      const doc = JSON.parse(readFileSync(join(p, json), 'utf8')) as { imagePath: string; imageWidth: number };
      expect(doc).toMatchObject({ imagePath: image, imageWidth: width });
    }
    expect(existsSync(join(p, 'dog.json'))).toBe(false);
  });

  it("never replaces the user's own cat.json, and replaces its own earlier files only with --overwrite", async () => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, IMAGES);
    writeFileSync(join(p, 'cat.json'), '{"hand made": true}');
    const before = snapshotTree(p);
    expectRefused(['export', p, '--format', 'labelme', '--beside-images'], /cat\.json exists and was not written by samlabel/);
    expectRefused(['export', p, '--format', 'labelme', '--beside-images', '--overwrite'], /cat\.json exists and was not written by samlabel/);
    expect(snapshotTree(p)).toEqual(before);
    rmSync(join(p, 'cat.json'));
    expect(runSamlabel(['export', p, '--format', 'labelme', '--beside-images'], env).status).toBe(0);
    expectRefused(['export', p, '--format', 'labelme', '--beside-images'], /earlier samlabel export; --overwrite replaces it/);
    expect(runSamlabel(['export', p, '--format', 'labelme', '--beside-images', '--overwrite'], env).status).toBe(0);
    expect(readdirSync(p).filter((f) => f.endsWith('.json') || f.includes('samlabel-tmp')).sort()).toEqual(['cat.json', 'dog.json']);
  });
});

describe('an image replaced by one of another size', () => {
  it.each(['coco', 'yolo-seg', 'labelme', 'masks-png', 'voc'])('%s refuses its old masks instead of writing wrong sizes', async (format) => {
    const base = fresh();
    const p = join(base, 'p');
    await makeLabelledProject(p, IMAGES);
    await writeImages(p, [{ rel: 'dog.jpg', width: 80, height: 60 }]);
    expect(runSamlabel(['project', 'scan', p], env).status).toBe(0);
    const out = join(base, 'ds');
    expectRefused(['export', p, '--format', format, '--out', out], /ExportError: masks of another size than their image: dog\.jpg \(annotation \d+ is 40×30, the image 80×60\)/);
    expect(existsSync(out)).toBe(false);
  });
});

