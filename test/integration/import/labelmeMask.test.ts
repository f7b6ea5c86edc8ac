import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelmeMaskShape, type LabelmeMaskShape } from '../../../main/services/export/labelmeMask.js';
import { readDatasetReport } from '../../../main/services/import/readDataset.js';
import { decodeRle, encodeRle, toUncompressed } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samlabel-lmmask-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A random mask with blobs that may touch every border (the clipping and column-wrap cases). */
const maskArb = fc
  .record({ h: fc.integer({ min: 1, max: 24 }), w: fc.integer({ min: 1, max: 24 }), seed: fc.integer(), density: fc.double({ min: 0.05, max: 0.95, noNaN: true }) })
  .map(({ h, w, seed, density }) => {
    let s = seed >>> 0 || 1;
    const next = (): number => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const data = Uint8Array.from({ length: h * w }, () => (next() < density ? 1 : 0));
    return { height: h, width: w, data } as BinaryMask;
  });

function labelmeFile(name: string, shapes: unknown[], h: number, w: number): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ version: '5.8.0', flags: {}, shapes, imagePath: 'x.png', imageData: null, imageHeight: h, imageWidth: w }));
  return path;
}

/** A one-channel PNG as PIL writes it: greyscale of `bitDepth` (1 for mode '1', 8 for 'L'), values as given. */
function grayPng(mask: BinaryMask, bitDepth: 1 | 8, on: number): string {
  const { width, height } = mask;
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask.data[y * width + x] === 0) continue;
      const at = y * (rowBytes + 1) + 1;
      if (bitDepth === 8) raw[at + x] = on;
      else raw[at + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

/**
 * labelme's mask placement re-done with PIL and numpy (an independent PNG decoder): current labelme puts the PNG at
 * round(points[0]) with its own size; labelme 5.3–5.5 filled [y0:y1+1, x0:x1+1] and needs the PNG to be that size.
 */
const PIL_PLACE = `
import base64, io, json, sys
import numpy as np, PIL.Image
doc = json.load(open(sys.argv[1]))
h, w = doc['imageHeight'], doc['imageWidth']
for s in doc['shapes']:
    patch = np.array(PIL.Image.open(io.BytesIO(base64.b64decode(s['mask'])))).astype(bool)
    new = np.zeros((h, w), bool)
    x1, y1 = np.asarray(s['points'][0]).round().astype(int)
    ph, pw = patch.shape
    new[max(y1, 0):min(y1 + ph, h), max(x1, 0):min(x1 + pw, w)] = patch[max(y1, 0) - y1:min(y1 + ph, h) - y1, max(x1, 0) - x1:min(x1 + pw, w) - x1]
    old = np.zeros((h, w), bool)
    (a, b), (c, d) = np.asarray(s['points']).astype(int)
    old[b:d + 1, a:c + 1] = patch
    print(json.dumps({'new': np.flatnonzero(new).tolist(), 'old': np.flatnonzero(old).tolist()}))
`;

describe('labelme mask shapes', () => {
  it('round-trips any mask: labelmeMaskShape → the labelme importer → the same RLE', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(maskArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), async (masks, padX, padY) => {
        // Every mask of one file lives in the same image: embed each at the top-left, pad the image.
        const h = Math.max(...masks.map((m) => m.height)) + padY;
        const w = Math.max(...masks.map((m) => m.width)) + padX;
        const placed = masks.map((m) => embed(m, h, w));
        const shapes = placed.flatMap((m, i) => labelmeMaskShape(encodeRle(m), `l${i}`, i + 1) ?? []);
        const read = await readDatasetReport('labelme', labelmeFile(`rt${n++}.json`, shapes, h, w));
        const expected = placed.filter((m) => m.data.includes(1)).map((m) => encodeRle(m).counts);
        expect(read.skipped).toEqual([]);
        expect(read.dataset.annotations.map((a) => toUncompressed(a.rle).counts)).toEqual(expected);
      }),
      { numRuns: 60, seed: 21 },
    );
  });

  it('writes PNGs that PIL decodes to the same pixels under both labelme placement rules', () => {
    const masks = fc.sample(maskArb, { numRuns: 12, seed: 22 }).map((m) => embed(m, 30, 28, 3, 2));
    const shapes = masks.flatMap((m, i) => labelmeMaskShape(encodeRle(m), 'x', i) ?? []);
    const file = labelmeFile('pil.json', shapes, 30, 28);
    const run = spawnSync('/usr/bin/python3', ['-c', PIL_PLACE, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const decoded = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { new: number[]; old: number[] });
    const expected = masks.filter((m) => m.data.includes(1)).map((m) => rowMajorIndices(m));
    expect(decoded.map((d) => d.new)).toEqual(expected);
    expect(decoded.map((d) => d.old)).toEqual(expected);
  });

  it('imports mask shapes as labelme writes them: 1-bit and 8-bit PNGs, a patch over the edge, a bad PNG reported', async () => {
    const patch: BinaryMask = { height: 3, width: 4, data: Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1]) };
    const shape = (mask: string, x: number, y: number): LabelmeMaskShape => ({
      label: 'm', points: [[x, y], [x + 3, y + 2]], group_id: null, description: '', shape_type: 'mask', flags: {}, mask,
    });
    const shapes = [shape(grayPng(patch, 1, 1), 2, 1), shape(grayPng(patch, 8, 255), 7, 6), shape(grayPng(patch, 8, 1), -2, -1), shape('aGVsbG8=', 0, 0)];
    const read = await readDatasetReport('labelme', labelmeFile('flavours.json', shapes, 8, 10));
    const at = (x0: number, y0: number): number[] => rowMajorIndices(embed(patch, 8, 10, x0, y0));
    expect(read.dataset.annotations.map((a) => rowMajorIndices(decodeRle(a.rle)))).toEqual([at(2, 1), at(7, 6), at(-2, -1)]);
    expect(read.skipped).toMatchObject([{ reason: 'bad-geometry', item: 'shapes.3', detail: expect.stringMatching(/not a PNG/) }]);
  });

  it('gives no shape for an empty mask', () => {
    expect(labelmeMaskShape({ size: [4, 4], counts: [16] }, 'x', null)).toBeNull();
  });
});

/** `m` drawn into an h×w image at (x0, y0), clipped. */
function embed(m: BinaryMask, h: number, w: number, x0 = 0, y0 = 0): BinaryMask {
  const data = new Uint8Array(h * w);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const [X, Y] = [x + x0, y + y0];
      if (X >= 0 && Y >= 0 && X < w && Y < h) data[Y * w + X] = m.data[y * m.width + x];
    }
  }
  return { height: h, width: w, data };
}

function rowMajorIndices(m: BinaryMask): number[] {
  return [...m.data.keys()].filter((i) => m.data[i] === 1);
}
