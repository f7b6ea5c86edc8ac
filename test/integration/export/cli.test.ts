import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnnotations } from '../../../main/services/annotations/annotations.js';
import { addLabel } from '../../../main/services/labels/labels.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { findImageByPath } from '../../../main/db/images.js';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { makeFixture, type Fixture } from './fixture.js';

interface CocoAnnotation {
  category_id: number;
  segmentation: unknown;
  area: number;
  bbox: number[];
  iscrowd: number;
}

let fx: Fixture;
let env: NodeJS.ProcessEnv;

/** A real project: the fixture's images scanned, its labels and masks added through the services. */
async function makeProject(folder: string, withAnnotations: boolean): Promise<void> {
  const project = Project.init(folder);
  try {
    await scanProject(project);
    if (!withAnnotations) return;
    const labelOf = new Map<number, number>();
    for (const c of [...fx.dataset.categories].sort((a, b) => a.order - b.order)) {
      labelOf.set(c.id, addLabel(project, { name: c.name, color: c.color, supercategory: c.supercategory }).id);
    }
    for (const img of fx.dataset.images.filter((i) => i.status !== 'missing')) {
      const target = findImageByPath(project.db, img.relPath);
      if (target === undefined) throw new Error(`scan missed ${img.relPath}`);
      const anns = fx.dataset.annotations.filter((a) => a.imageId === img.id).sort((a, b) => a.zOrder - b.zOrder);
      const inputs = anns.map((a) => ({ labelId: labelOf.get(a.categoryId) ?? 0, rle: a.rle, source: 'click' as const, iscrowd: a.iscrowd, zOrder: a.zOrder }));
      if (inputs.length > 0) addAnnotations(project, target.id, inputs);
    }
  } finally {
    project.close();
  }
}

const cocoAnnotations = (dir: string): CocoAnnotation[] =>
  (JSON.parse(readFileSync(join(dir, 'instances_train.json'), 'utf8')) as { annotations: CocoAnnotation[] }).annotations.map(
    ({ category_id, segmentation, area, bbox, iscrowd }) => ({ category_id, segmentation, area, bbox, iscrowd }),
  );

beforeAll(async () => {
  fx = await makeFixture();
  env = { SAMLABEL_CONFIG_DIR: join(fx.root, 'config') };
  process.env.SAMLABEL_CONFIG_DIR = env.SAMLABEL_CONFIG_DIR;
  await makeProject(fx.project, true);
  cpSync(fx.project, join(fx.root, 'other'), { recursive: true, filter: (src) => !src.includes('.samlabel') });
  await makeProject(join(fx.root, 'other'), false);
});
afterAll(() => fx.cleanup());

describe('samlabel export / import', () => {
  it('exports COCO with --verify and imports it into another project, which exports the same annotations', () => {
    const first = join(fx.root, 'first');
    const run = runSamlabel(['export', fx.project, '--format', 'coco', '--out', first, '--verify'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/verify: all 7 masks survive the round trip/);
    expect(run.stdout).toMatch(/skipped 1 empty masks/);
    const imported = runSamlabel(['import', join(fx.root, 'other'), first, '--format', 'coco', '--json'], env);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ imagesMatched: 4, annotationsAdded: 7, categoriesCreated: ['dog', 'cat', 'bird'] });
    const second = join(fx.root, 'second');
    expect(runSamlabel(['export', join(fx.root, 'other'), '--format', 'coco', '--out', second], env).status).toBe(0);
    expect(cocoAnnotations(second)).toEqual(cocoAnnotations(first));
    rmSync(first, { recursive: true, force: true });
  });

  it('exits 1 naming the hidden mask when --verify finds a PNG export that loses pixels', () => {
    const run = runSamlabel(['export', fx.project, '--format', 'masks-png', '--out', join(fx.root, 'png'), '--verify'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/verify: a\.png: annotation \d+: \d+ pixels differ/);
    expect(oneLine(run.stderr)).toMatch(/ExportError: 1 of 7 masks would not survive the round trip/);
  });

  it('refuses flags that do not belong to the format, with a usage error', () => {
    const run = runSamlabel(['export', fx.project, '--format', 'coco', '--out', join(fx.root, 'x'), '--yolo-boxes'], env);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toBe('samlabel: --yolo-boxes applies to --format yolo-seg, not coco');
    const both = runSamlabel(['import', fx.project, join(fx.root, 'x'), '--format', 'coco', '--merge', '--replace'], env);
    expect(both.status).toBe(2);
  });
});
