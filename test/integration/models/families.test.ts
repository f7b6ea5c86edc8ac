import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../main/inference/engineClient.js';
import { imagePoint } from '../../../shared/sam/coords.js';
import { lowResCandidate } from '../../../shared/sam/postprocess.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { centroid, writeTestImage } from '../../helpers/images.js';
import { familyPairs, type FamilyPair } from './familyGraphs.js';

/** The foundation's coordinate cases (disc around the click, EXIF 3/6/8, odd sizes), for every family. */
const CASES = [
  { name: 'landscape 1000x500', width: 1000, height: 500, orientation: 1, click: [700, 180] },
  { name: 'portrait odd 333x517', width: 333, height: 517, orientation: 1, click: [101, 377] },
  { name: 'EXIF 3 401x251', width: 401, height: 251, orientation: 3, click: [90, 70] },
  { name: 'EXIF 6 401x251', width: 401, height: 251, orientation: 6, click: [300, 160] },
  { name: 'EXIF 8 251x401', width: 251, height: 401, orientation: 8, click: [70, 300] },
] as const;

const imgDir = tempDir('family-images');
const pairs = familyPairs();
const clients = new Map<string, EngineClient>();

beforeAll(async () => {
  for (const c of CASES) await writeTestImage(join(imgDir, `${c.name}.jpg`), c.width, c.height, { orientation: c.orientation });
  const dir = tempDir('family-models');
  for (const p of pairs) {
    const encoderPath = join(dir, `${p.family}.enc.onnx`);
    const decoderPath = join(dir, `${p.family}.dec.onnx`);
    writeFileSync(encoderPath, p.encoder);
    writeFileSync(decoderPath, p.decoder);
    // No family given: each pair must be recognised from its graphs alone.
    clients.set(p.family, await EngineClient.start({ model: { kind: 'onnx', encoderPath, decoderPath }, cacheDir: tempDir('family-cache') }));
  }
}, 120_000);

afterAll(() => {
  for (const c of clients.values()) c.close();
});

describe.each(pairs.map((p) => [p.family, p] as [string, FamilyPair]))('family %s', (family, pair) => {
  it('is detected from its graphs and reported by the engine', () => {
    expect(clients.get(family)?.info.family).toBe(family);
    expect(clients.get(family)?.info.modelId).toContain(`onnx-${family}-p1-`);
  });

  it.each(CASES.map((c) => [c.name, c] as [string, (typeof CASES)[number]]))('a click on %s comes back centred on the click', async (name, c) => {
    const client = clients.get(family) as EngineClient;
    const set = await client.setImage(join(imgDir, `${name}.jpg`));
    expect([set.width, set.height]).toEqual([c.width, c.height]);
    const [x, y] = c.click;
    const result = await client.predict({ pointCoords: [imagePoint(x, y)], pointLabels: [1], upsample: {} });
    expect(result.indices).toEqual(pair.indices);
    const maxSide = Math.max(c.width, c.height);
    result.masks?.masks.forEach((mask, k) => {
      const m = centroid(mask.data, mask.width);
      expect(m.area).toBeGreaterThan(0);
      expect(Math.abs(m.x - x), `x of candidate ${k}`).toBeLessThanOrEqual(1);
      expect(Math.abs(m.y - y), `y of candidate ${k}`).toBeLessThanOrEqual(1);
      if (pair.round) {
        const r = pair.radii[k] * maxSide;
        expect(Math.abs(m.area / (Math.PI * r * r) - 1)).toBeLessThan(0.06);
      }
    });
  });

  it(pair.maskInput ? 'refines from its own low-res logits (mask_input round trip)' : 'refuses mask_input, which its decoder cannot take', async () => {
    const client = clients.get(family) as EngineClient;
    await client.setImage(join(imgDir, `${CASES[0].name}.jpg`));
    const first = await client.predict({ pointCoords: [imagePoint(700, 180)], pointLabels: [1] });
    const maskInput = lowResCandidate(first.lowResLogits, 2, first.lowResSize);
    const again = client.predict({ pointCoords: [imagePoint(700, 180)], pointLabels: [1], maskInput, multimaskOutput: false, upsample: {} });
    if (!pair.maskInput) return void (await expect(again).rejects.toMatchObject({ code: 'BadInput' }));
    const mask = (await again).masks?.masks[0];
    const m = centroid(mask?.data ?? new Uint8Array(), mask?.width ?? 1);
    expect(Math.abs(m.x - 700)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(m.y - 180)).toBeLessThanOrEqual(1.5);
  });
});
