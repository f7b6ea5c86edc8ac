import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelMap } from '../../../main/services/import/labelMap.js';
import { readDatasetReport, type ImportFormat } from '../../../main/services/import/readDataset.js';
import { isSamlabelError } from '../../../shared/errors.js';
import { put } from './helpers.js';

/** Malformed files that used to escape as raw JS errors (null property reads, EISDIR, ENOTDIR, RangeError). */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-typed-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function importError(format: ImportFormat, path: string): Promise<string> {
  const err = await readDatasetReport(format, path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isSamlabelError(err, 'ImportError'), String(err)).toBe(true);
  return (err as Error).message;
}

describe('malformed import files give typed errors that name the file', () => {
  it('COCO: a null document, null lists, a broken RLE string, a repeated image id', async () => {
    const file = (name: string, doc: unknown): string => put(join(root, 'coco', name), JSON.stringify(doc));
    expect(await importError('coco', file('null.json', null))).toMatch(/null\.json: document: /);
    expect(await importError('coco', file('lists.json', { images: null, categories: [], annotations: [] }))).toMatch(/lists\.json: images: /);
    const rle = { images: [{ id: 1, file_name: 'a', width: 4, height: 4 }], categories: [{ id: 1, name: 'x' }], annotations: [{ image_id: 1, category_id: 1, segmentation: { size: [4, 4], counts: '~~~' } }] };
    expect(await importError('coco', file('rle.json', rle))).toMatch(/rle\.json: annotations\.0: RLE counts: RLE string has an invalid character/);
    const dup = { images: [{ id: 1, file_name: 'a', width: 4, height: 4 }, { id: 1, file_name: 'b', width: 4, height: 4 }], categories: [], annotations: [] };
    expect(await importError('coco', file('dup.json', dup))).toMatch(/dup\.json: image id 1 appears more than once/);
  });

  it('labelme: a file named on the command line with null shapes, or not JSON at all', async () => {
    expect(await importError('labelme', put(join(root, 'lm', 'a.json'), JSON.stringify({ imagePath: 'a.png', shapes: null })))).toMatch(/a\.json: shapes: /);
    expect(await importError('labelme', put(join(root, 'lm', 'b.json'), '{"imagePath": '))).toMatch(/b\.json: not valid JSON/);
  });

  it('folders that are files and files that are folders', async () => {
    const voc = join(root, 'voc');
    mkdirSync(join(voc, 'SegmentationClass'), { recursive: true });
    put(join(voc, 'JPEGImages'), 'not a folder');
    expect(await importError('voc', voc)).toMatch(/JPEGImages is not a folder/);
    expect(await importError('masks-png', put(join(root, 'masks.txt'), ''))).toMatch(/masks\.txt is not a folder/);
    mkdirSync(join(root, 'yolo', 'data.yaml'), { recursive: true });
    expect(await importError('yolo-seg', join(root, 'yolo', 'data.yaml', '..'))).toMatch(/data\.yaml is not a regular file/);
    mkdirSync(join(root, 'map.json'));
    const err = await loadLabelMap(join(root, 'map.json')).catch((e: unknown) => e);
    expect(isSamlabelError(err, 'ImportError') && err.message).toMatch(/map\.json is not a regular file/);
  });

  it('a missing path', async () => {
    expect(await importError('coco', join(root, 'nope.json'))).toMatch(/COCO file not found: .*nope\.json/);
  });
});

describe('devices are refused before they are opened', () => {
  it('an image symlinked to /dev/zero is not a regular file, wherever images may lead', async () => {
    const dir = join(root, 'zero');
    put(join(dir, 'a.json'), JSON.stringify({ imagePath: 'a.png', shapes: [] }));
    symlinkSync('/dev/zero', join(dir, 'a.png'));
    const read = await readDatasetReport('labelme', dir);
    expect(read.skipped).toMatchObject([{ reason: 'unreadable', detail: expect.stringMatching(/a\.png is not a regular file/) }]);
  });
});
