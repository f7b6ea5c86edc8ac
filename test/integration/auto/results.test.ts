import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AmgResult } from '../../../main/services/auto/generator.js';
import { folderImages } from '../../../main/services/auto/inputs.js';
import { isDone, resultPath, writeResult } from '../../../main/services/auto/results.js';
import { toRecord } from '../../../shared/masks/amg/records.js';
import { encodeRle } from '../../../shared/masks/rle.js';
import { tempDir } from '../../helpers/engineHarness.js';

const mask = { width: 3, height: 2, data: Uint8Array.from([0, 1, 1, 0, 1, 0]) };
const rle = encodeRle(mask);
const imageMask = { rle, boxXyxy: [1, 0, 2, 1] as [number, number, number, number], predictedIou: 0.9, stabilityScore: 0.96, pointCoords: [[1.5, 0.5]] as Array<[number, number]>, cropBox: [0, 0, 3, 2] as [number, number, number, number] };
const stats = { crops: 1, pointsTotal: 4, pointsSkipped: 0, decoderRuns: 4, timingsMs: { setImage: 1, decode: 2, filter: 3, total: 6.04 } };
const header = { image: { path: '/x/sub/a.jpg', width: 3, height: 2 }, model: 'm', provider: 'cpu', provider_fallback: null, params: { output_mode: 'binary_mask' } };

describe('auto result files', () => {
  it('binary_mask records point to a PNG written beside the JSON', async () => {
    const out = tempDir('results');
    const result: AmgResult = { width: 3, height: 2, records: [toRecord(imageMask, 'binary_mask')], masks: [imageMask], stats };
    expect(isDone(out, 'sub/a.jpg')).toBe(false);
    const json = await writeResult(out, 'sub/a.jpg', header, result);
    expect(resultPath(out, 'sub/a.jpg')).toBe(join(out, 'sub', 'a.json'));
    expect(isDone(out, 'sub/a.jpg')).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(out, 'sub', 'a.json'), 'utf8')) as { records: Array<{ segmentation: string; area: number }>; stats: Record<string, unknown> };
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(json)));
    expect(onDisk.records[0]).toMatchObject({ segmentation: 'a/0.png', area: 3 });
    expect(onDisk.stats).toEqual({ crops: 1, points_total: 4, points_skipped: 0, decoder_runs: 4, timings_ms: { set_image: 1, decode: 2, filter: 3, total: 6 } });
    const file = join(out, 'sub', 'a', '0.png');
    expect((await sharp(file).metadata()).channels).toBe(1);
    expect(Array.from(await sharp(file).extractChannel(0).raw().toBuffer())).toEqual([0, 255, 255, 0, 255, 0]);
  });

  it('RLE records are written as they are', async () => {
    const out = tempDir('results-rle');
    const result: AmgResult = { width: 3, height: 2, records: [toRecord(imageMask, 'coco_rle')], masks: [imageMask], stats };
    const json = (await writeResult(out, 'a.png', header, result)) as { records: Array<{ segmentation: unknown }> };
    // Column-major: column 0 is 2 bg, columns 1-2 start with 3 fg, then 1 bg -> [2, 3, 1].
    expect(json.records[0].segmentation).toEqual({ size: [2, 3], counts: '231' });
  });
});

describe('folder inputs', () => {
  it('leave out our own output folders inside the input folder', async () => {
    const root = tempDir('inputs');
    mkdirSync(join(root, 'auto-out', 'a'), { recursive: true });
    mkdirSync(join(root, 'sub'));
    for (const f of ['a.jpg', 'sub/b.png', 'auto-out/a/0.png']) writeFileSync(join(root, f), 'x');
    expect((await folderImages(root)).map((i) => i.relPath)).toEqual(['a.jpg', 'auto-out/a/0.png', 'sub/b.png']);
    const images = await folderImages(root, [join(root, 'auto-out'), tempDir('elsewhere')]);
    expect(images).toEqual([
      { path: join(root, 'a.jpg'), relPath: 'a.jpg' },
      { path: join(root, 'sub', 'b.png'), relPath: 'sub/b.png' },
    ]);
  });
});
