import { lstatSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset } from '../../../main/services/export/exportDataset.js';
import { MANIFEST_FILE, verifyManifest } from '../../../main/services/export/manifest.js';
import type { ExportOptions } from '../../../main/services/export/types.js';
import { readDataset } from '../../../main/services/import/readDataset.js';
import { makeFixture, type Fixture } from './fixture.js';

/**
 * Every file under dir: symlinks by target, others by content (data.yaml's absolute `path` line left out).
 * The manifest is left out too: it names link targets and data.yaml's hash, which differ by folder; each
 * export's manifest is checked against its own folder instead.
 */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const key = relative(dir, path);
      if (e.isDirectory()) visit(path);
      else if (key === MANIFEST_FILE) continue;
      else if (lstatSync(path).isSymbolicLink()) out[key] = `-> ${realpathSync(path)}`;
      else out[key] = readFileSync(path).toString(e.name.endsWith('.png') ? 'base64' : 'utf8').replace(/^path: .*$/m, 'path: …');
    }
  };
  visit(dir);
  return out;
}

const split = { parts: [{ name: 'train', fraction: 0.5 }, { name: 'val', fraction: 0.5 }] };
const CASES: Array<[string, Omit<ExportOptions, 'outDir'>]> = [
  ['coco polygons', { format: 'coco', split }],
  ['coco rle', { format: 'coco', cocoSeg: 'rle' }],
  ['yolo-seg', { format: 'yolo-seg', split, seed: 5 }],
  ['yolo-seg boxes', { format: 'yolo-seg', yoloBoxes: true }],
  ['labelme', { format: 'labelme', split }],
  ['masks-png', { format: 'masks-png', split }],
  ['voc', { format: 'voc', split }],
];

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
});
afterAll(() => fx.cleanup());

describe('export → import → export', () => {
  it.each(CASES)('%s: the second export is file for file the first', async (name, options) => {
    const first = join(fx.root, `${name}-1`);
    const second = join(fx.root, `${name}-2`);
    await exportDataset(fx.dataset, { ...options, outDir: first });
    const back = await readDataset(options.format, first);
    await exportDataset(back, { ...options, outDir: second });
    const a = snapshot(first);
    expect(Object.keys(a).length).toBeGreaterThan(3);
    expect(snapshot(second)).toEqual(a);
    for (const dir of [first, second]) expect((await verifyManifest(dir)).problems).toEqual([]);
  });
});
