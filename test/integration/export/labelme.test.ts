import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeRle, maskIou } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { verifyExport } from '../../../main/services/export/verify.js';
import { readDataset } from '../../../main/services/import/readDataset.js';
import { annotationsOf, exportedMasks, makeFixture, pixelsDiffering, type Fixture } from './fixture.js';

/**
 * Loads every file with labelme's own LabelFile (Debian's labelme 5.1.1, system python: another python comes
 * first on PATH), builds a labelme Shape from each shape (which refuses unknown shape types), and rasterises the
 * instances with labelme's shapes_to_label. Prints one JSON line per file; labelme's size warnings go to stderr.
 */
const LABELME_CHECK = `
import json, sys
import numpy as np
from labelme.label_file import LabelFile
from labelme.shape import Shape
from labelme.utils import shapes_to_label, img_data_to_arr
for path in sys.argv[1:]:
    lf = LabelFile(path)
    for s in lf.shapes:
        Shape(label=s['label'], shape_type=s['shape_type'], group_id=s['group_id'], flags=s['flags'])
    img = img_data_to_arr(lf.imageData)
    names = {s['label']: i + 1 for i, s in enumerate(lf.shapes)}
    cls, ins = shapes_to_label(img.shape, lf.shapes, names)
    instances = [np.flatnonzero(ins == v).tolist() for v in range(1, int(ins.max()) + 1)]
    print(json.dumps({'path': path, 'shape': list(img.shape[:2]), 'types': sorted({s['shape_type'] for s in lf.shapes}),
                      'groups': [s['group_id'] for s in lf.shapes], 'instances': instances}))
`;

interface LabelmeCheck {
  path: string;
  shape: [number, number];
  types: string[];
  groups: number[];
  instances: number[][];
}

function runLabelme(files: string[]): { checks: LabelmeCheck[]; stderr: string } {
  const run = spawnSync('/usr/bin/python3', ['-c', LABELME_CHECK, ...files], { encoding: 'utf8', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
  if (run.status !== 0) throw new Error(`labelme check failed (${run.status}): ${run.stderr}`);
  return { checks: run.stdout.trim().split('\n').map((l) => JSON.parse(l) as LabelmeCheck), stderr: run.stderr };
}

function maskOf(indices: number[], [height, width]: [number, number]): BinaryMask {
  const data = new Uint8Array(height * width);
  for (const i of indices) data[i] = 1;
  return { height, width, data };
}

/** Each mask minus what later masks paint over. */
function visibleMasks(masks: BinaryMask[]): BinaryMask[] {
  return masks.map((m, i) => {
    const data = m.data.slice();
    for (const later of masks.slice(i + 1)) for (let p = 0; p < data.length; p++) if (later.data[p] === 1) data[p] = 0;
    return { ...m, data };
  });
}

let fx: Fixture;
beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.cleanup());

describe('labelme export', () => {
  it("loads in labelme's LabelFile: polygon shapes only, sizes right, parts of one mask share a group_id", async () => {
    const out = join(fx.root, 'labelme');
    const result = await exportDataset(fx.dataset, { format: 'labelme', outDir: out });
    expect(result.files.map((f) => f.slice(out.length + 1))).toEqual(['a.json', 'c.json', 'e.json', 'sub/b.json']);
    const { checks, stderr } = runLabelme(result.files);
    expect(stderr).not.toMatch(/does not match|Failed opening/);
    expect(checks.map((c) => c.shape)).toEqual([[48, 64], [24, 32], [50, 50], [30, 40]]);
    expect(checks.flatMap((c) => c.types)).toEqual(['polygon', 'polygon', 'polygon']);
    expect(checks[0].groups).toEqual([1, 2, 3, 3, 4]);
    const doc = JSON.parse(readFileSync(result.files[3], 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({ imagePath: 'b.jpg', imageData: null, imageHeight: 30, imageWidth: 40, flags: {} });
  });

  it('agrees with the masks when labelme rasterises the shapes itself: a superset, off by its outline', async () => {
    const out = join(fx.root, 'labelme');
    const result = await exportDataset(fx.dataset, { format: 'labelme', outDir: out });
    const { checks } = runLabelme([result.files[0]]);
    // labelme paints in order, as z-order does: compare with what stays visible of each mask.
    const visible = visibleMasks(annotationsOf(fx.dataset, 'a.png').map((a) => decodeRle(a.rle)));
    expect(checks[0].instances).toHaveLength(visible.length);
    checks[0].instances.forEach((ins, i) => {
      const theirs = maskOf(ins, [48, 64]);
      // PIL fills pixel centres inside plus the outline: one pixel more along right and bottom edges.
      expect(visible[i].data.every((v, p) => v === 0 || theirs.data[p] === 1)).toBe(true);
      expect(maskIou(theirs, visible[i])).toBeGreaterThan(0.8);
    });
  });

  it('keeps one folder in the project layout and lists splits in <split>.txt', async () => {
    const out = join(fx.root, 'labelme');
    await exportDataset(fx.dataset, { format: 'labelme', outDir: out, split: { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] } });
    const listed = ['train', 'val'].flatMap((s) => readFileSync(join(out, `${s}.txt`), 'utf8').trim().split('\n'));
    expect(listed.sort()).toEqual(['a.json', 'c.json', 'e.json', 'sub/b.json']);
    expect(listed.every((f) => existsSync(join(out, f)))).toBe(true);
  });

  it('writes each JSON beside its image with --beside-images, and labelme opens it there', async () => {
    const result = await exportDataset(fx.dataset, { format: 'labelme', outDir: join(fx.root, 'unused'), besideImages: true });
    expect(existsSync(join(fx.project, 'sub', 'b.json'))).toBe(true);
    expect(existsSync(join(fx.root, 'unused'))).toBe(false);
    const { checks } = runLabelme(result.files);
    expect(checks).toHaveLength(4);
    const back = await readDataset('labelme', fx.project);
    expect(back.images.map((i) => i.relPath).sort()).toEqual(['a.png', 'c.png', 'e.png', 'sub/b.jpg']);
  });

  it('round-trips pixel-exact through the importer, iscrowd and attributes included', async () => {
    const out = join(fx.root, 'labelme');
    const options = { format: 'labelme' as const, outDir: out };
    const result = await exportDataset(fx.dataset, options);
    const back = await readDataset('labelme', out);
    for (const rel of ['a.png', 'sub/b.jpg', 'e.png']) {
      const want = exportedMasks(fx.dataset, rel);
      const got = annotationsOf(back, rel);
      expect(got.map((a, i) => pixelsDiffering(a.rle, want[i].rle))).toEqual(want.map(() => 0));
      expect(got.map((a) => a.iscrowd)).toEqual(want.map((a) => a.iscrowd));
    }
    expect(annotationsOf(back, 'a.png')[0].attributes).toEqual({ occluded: false, note: 'left' });
    expect((await verifyExport(fx.dataset, result, options)).issues).toEqual([]);
  });

  it('writes pixel-exact mask shapes with labelmeMasks, which the importer reads back exactly', async () => {
    const out = join(fx.root, 'labelme-masks');
    const options = { format: 'labelme' as const, outDir: out, labelmeMasks: true };
    const result = await exportDataset(fx.dataset, options);
    const doc = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')) as { version: string; shapes: Array<{ shape_type: string }> };
    expect(doc.version).toBe('5.5.0');
    expect(new Set(doc.shapes.map((s) => s.shape_type))).toEqual(new Set(['mask']));
    const back = await readDataset('labelme', out);
    for (const rel of ['a.png', 'sub/b.jpg', 'e.png']) {
      const want = exportedMasks(fx.dataset, rel);
      expect(annotationsOf(back, rel).map((a, i) => pixelsDiffering(a.rle, want[i].rle))).toEqual(want.map(() => 0));
    }
    expect(result.written.every((w) => w.exact)).toBe(true);
    expect((await verifyExport(fx.dataset, result, options)).issues).toEqual([]);
  });
});
