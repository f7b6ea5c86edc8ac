import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelmeMaskShape } from '../../../main/services/export/labelmeMask.js';
import { encodePng } from '../../../main/services/export/png.js';
import { LEGEND_FORMAT } from '../../../main/services/export/pngMasks.js';
import { checkAgainstProject } from '../../../main/services/import/projectCheck.js';
import { readDatasetReport, type ImportFormat } from '../../../main/services/import/readDataset.js';
import { importDataset } from '../../../main/services/projects/dataset.js';
import { Project } from '../../../main/services/projects/project.js';
import { isSamlabelError } from '../../../shared/errors.js';
import { compressCounts } from '../../../shared/masks/rle.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { put, scannedProject } from './helpers.js';
import { bytesDamageArb, damageBytes, damageText, mutate, mutationArb, type Mutation } from './mutate.js';

/**
 * Property: random and mutated COCO / labelme / YOLO / VOC / PNG-mask inputs, read and imported into a project,
 * end in success or a SamlabelError — never another exception, never past a per-case time budget — and write
 * nothing outside the project's .samlabel folder (the inputs and the rest of the tree are snapshotted around each
 * format's run). The counts per outcome are printed for the issue note.
 */
const RUNS = 200;
/** A hang guard, not a speed check: one small case takes milliseconds. */
const CASE_BUDGET_MS = 5_000;

let root: string;
let projectFolder: string;
let project: Project;
const tally: Record<string, { cases: number; ok: number; typed: number; skips: number; bad: string[]; slowestMs: number }> = {};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-fuzz-'));
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  projectFolder = await scannedProject(join(root, 'project'), { 'a.png': [64, 48], 'b.png': [32, 24] });
  project = Project.open(projectFolder);
});
afterAll(() => {
  project.close();
  console.log(`import fuzz: ${JSON.stringify(tally)}`);
  rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir` (but the project's .samlabel) with its size and mtime. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (relative(projectFolder, p) === '.samlabel') continue;
      if (e.isDirectory()) visit(p);
      else {
        const s = statSync(p, { throwIfNoEntry: false });
        out.push(`${relative(root, p)} ${s?.size ?? '?'} ${s?.mtimeMs ?? '?'}`);
      }
    }
  };
  visit(dir);
  return out.sort();
}

let caseNo = 0;
function caseDir(format: string): string {
  const dir = join(root, 'inputs', format, String(caseNo++));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Reads and imports one case; records the outcome. */
async function runCase(format: ImportFormat, path: string, inputs: string): Promise<void> {
  const t = (tally[format] ??= { cases: 0, ok: 0, typed: 0, skips: 0, bad: [], slowestMs: 0 });
  const before = snapshot(inputs);
  const started = performance.now();
  try {
    const read = await readDatasetReport(format, path);
    t.skips += read.skipped.length;
    importDataset(project, checkAgainstProject(project, read, path).dataset, { mode: 'replace' });
    t.ok++;
  } catch (err) {
    if (isSamlabelError(err)) t.typed++;
    else t.bad.push(err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err));
  }
  const ms = performance.now() - started;
  t.cases++;
  t.slowestMs = Math.max(t.slowestMs, Math.round(ms));
  if (ms > CASE_BUDGET_MS) t.bad.push(`case ${path} took ${Math.round(ms)} ms`);
  expect(snapshot(inputs), 'the import wrote into its inputs').toEqual(before);
}

const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: arb, weight: 1 });
const textDamage = fc.record({ cut: rarely(fc.nat()), bom: fc.boolean() });
const square = [1, 1, 20, 1, 20, 20, 1, 20];

function cocoDoc(): unknown {
  return {
    info: { year: 2024 },
    images: [{ id: 1, file_name: 'a.png', width: 64, height: 48 }, { id: 2, file_name: 'b.png', width: 32, height: 24 }],
    categories: [{ id: 1, name: 'cat', supercategory: 'animal' }, { id: 2, name: 'dog' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, segmentation: [square, [30, 30, 40, 30, 35, 40]], area: 361, bbox: [1, 1, 19, 19], iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 2, segmentation: { size: [24, 32], counts: [10, 5, 753] }, iscrowd: 1 },
      { id: 3, image_id: 1, category_id: 2, segmentation: { size: [48, 64], counts: compressCounts([100, 50, 2922]) }, score: 0.5 },
    ],
  };
}

function labelmeDoc(): unknown {
  const mask = labelmeMaskShape({ size: [48, 64], counts: [100, 5, 43, 5, 2919] }, 'm', 3);
  return {
    version: '5.5.0',
    flags: {},
    shapes: [
      { label: 'p', points: [[1, 1], [20, 1], [20, 20]], group_id: 1, shape_type: 'polygon', flags: {} },
      { label: 'p', points: [[30, 30], [40, 40]], group_id: 1, shape_type: 'rectangle', flags: { iscrowd: true } },
      { label: 'c', points: [[32, 24], [40, 24]], group_id: null, shape_type: 'circle', flags: {} },
      mask,
      { label: 'l', points: [[0, 0], [5, 5]], group_id: null, shape_type: 'line', flags: {} },
    ],
    imagePath: 'a.png',
    imageData: null,
    imageHeight: 48,
    imageWidth: 64,
  };
}

function legendDoc(): unknown {
  const objects = [{ value: 1, category: 1, zOrder: 0 }, { value: 2, category: 2, iscrowd: 1, score: 0.3, attributes: { a: 1 } }];
  return { format: LEGEND_FORMAT, categories: [{ value: 1, name: 'x' }, { value: 2, name: 'y', color: '#ff0000' }], images: [{ image: 'images/a.png', width: 64, height: 48, instances: 'a.png', objects }] };
}

const HOSTILE_TOKENS = ['1e5', '-1e308', 'nan', 'inf', '-0', '', '999999999999', '0.5', '1', 'x', '../../..', '1e400', '0x10'];

/** Token-level damage of a text file: tokens replaced by hostile ones, lines repeated. */
const tokenDamage = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_TOKENS)), { maxLength: 4 });
function damageTokens(text: string, edits: Array<[number, string]>): string {
  const tokens = text.split(/(\s+)/);
  for (const [at, value] of edits) {
    const words = tokens.map((t, i) => (/^\s*$/.test(t) ? -1 : i)).filter((i) => i >= 0);
    if (words.length > 0) tokens[words[at % words.length]] = value;
  }
  return tokens.join('');
}

function palettePng(w: number, h: number, fill: number): Uint8Array {
  const indices = new Uint8Array(w * h).fill(fill, 0, w * 3);
  return encodePng({ kind: 'palette', width: w, height: h, indices, palette: [[0, 0, 0], [128, 0, 0], [0, 128, 0]] });
}

describe('importers under random and mutated input', () => {
  it('COCO: never crash, never hang, never write', async () => {
    await fc.assert(
      fc.asyncProperty(mutations, textDamage, async (ms: Mutation[], dmg) => {
        const dir = caseDir('coco');
        put(join(dir, 'c.json'), damageText(JSON.stringify(mutate(cocoDoc(), ms)), dmg));
        await runCase('coco', join(dir, 'c.json'), dir);
      }),
      { numRuns: RUNS, seed: 101 },
    );
    expect(tally.coco.bad).toEqual([]);
  }, 120_000);

  it('labelme: never crash, never hang, never write', async () => {
    const image = tinyPng(64, 48);
    await fc.assert(
      fc.asyncProperty(mutations, textDamage, async (ms: Mutation[], dmg) => {
        const dir = caseDir('labelme');
        put(join(dir, 'a.png'), image);
        put(join(dir, 'a.json'), damageText(JSON.stringify(mutate(labelmeDoc(), ms)), dmg));
        await runCase('labelme', dir, dir);
      }),
      { numRuns: RUNS, seed: 102 },
    );
    expect(tally.labelme.bad).toEqual([]);
  }, 120_000);

  it('YOLO: never crash, never hang, never write', async () => {
    const [a, b] = [tinyPng(64, 48), tinyPng(32, 24)];
    const yaml = 'path: .\ntrain: images/train\nval: [images/val]\nnames:\n  0: cat\n  1: dog\n';
    const labels = '0 0.1 0.1 0.5 0.1 0.5 0.5\n1 0.5 0.5 0.2 0.2\n';
    await fc.assert(
      fc.asyncProperty(tokenDamage, tokenDamage, fc.boolean(), async (yamlEdits, labelEdits, emptyNames) => {
        const dir = caseDir('yolo');
        put(join(dir, 'images', 'train', 'a.png'), a);
        put(join(dir, 'images', 'val', 'b.png'), b);
        put(join(dir, 'labels', 'train', 'a.txt'), damageTokens(labels, labelEdits));
        put(join(dir, 'labels', 'val', 'b.txt'), damageTokens(labels, labelEdits.slice(1)));
        put(join(dir, 'data.yaml'), damageTokens(emptyNames ? yaml.replace(/names:[\s\S]*/, '') : yaml, yamlEdits));
        await runCase('yolo-seg', dir, dir);
      }),
      { numRuns: RUNS, seed: 103 },
    );
    expect(tally['yolo-seg'].bad).toEqual([]);
  }, 120_000);

  it('VOC: never crash, never hang, never write', async () => {
    const image = tinyPng(16, 12);
    await fc.assert(
      fc.asyncProperty(bytesDamageArb, bytesDamageArb, tokenDamage, fc.integer({ min: 8, max: 20 }), async (classDmg, objDmg, idEdits, maskW) => {
        const dir = caseDir('voc');
        put(join(dir, 'JPEGImages', 'a.png'), image);
        put(join(dir, 'JPEGImages', 'b.png'), image);
        put(join(dir, 'SegmentationClass', 'a.png'), damageBytes(palettePng(maskW, 12, 1), classDmg));
        put(join(dir, 'SegmentationObject', 'a.png'), damageBytes(palettePng(16, 12, 2), objDmg));
        put(join(dir, 'SegmentationClass', 'b.png'), palettePng(16, 12, 2));
        put(join(dir, 'ImageSets', 'Segmentation', 'train.txt'), damageTokens('a\nb\n', idEdits));
        put(join(dir, 'labelmap.txt'), 'background:0,0,0::\ncar:128,0,0::\nbus:0,128,0::\n');
        await runCase('voc', dir, dir);
      }),
      { numRuns: RUNS, seed: 104 },
    );
    expect(tally.voc.bad).toEqual([]);
  }, 120_000);

  it('PNG masks: never crash, never hang, never write', async () => {
    const values = new Uint16Array(64 * 48).fill(1, 0, 500).fill(2, 600, 900);
    const png = encodePng({ kind: 'gray16', width: 64, height: 48, values });
    await fc.assert(
      fc.asyncProperty(mutations, bytesDamageArb, fc.boolean(), async (ms: Mutation[], dmg, damagePng) => {
        const dir = caseDir('png');
        put(join(dir, 'a.png'), damagePng ? damageBytes(png, dmg) : png);
        put(join(dir, 'legend.json'), JSON.stringify(mutate(legendDoc(), ms)));
        await runCase('masks-png', dir, dir);
      }),
      { numRuns: RUNS, seed: 105 },
    );
    expect(tally['masks-png'].bad).toEqual([]);
  }, 120_000);

  it('writes nothing outside the project’s .samlabel folder', () => {
    const outside = snapshot(root).filter((l) => !l.startsWith('inputs/') && !l.startsWith('config/'));
    expect(outside.every((l) => l.startsWith('project/'))).toBe(true);
    expect(outside.map((l) => l.split(' ')[0])).toEqual(['project/a.png', 'project/b.png']);
  });
});
