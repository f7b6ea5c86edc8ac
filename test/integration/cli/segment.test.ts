import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeRle } from '../../../shared/masks/rle.js';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { centroid, writeTestImage } from '../../helpers/images.js';
import type { TinyModelPaths } from '../../helpers/tinyModels.js';

interface MaskRecord {
  index: number;
  score: number;
  stability_score: number;
  area: number;
  bbox: number[];
  rle: { size: [number, number]; counts: number[] };
  file: string;
  logits_file: string;
}

let models: TinyModelPaths;
let image: string;
const env = { SAMLABEL_CACHE_DIR: tempDir('cli-cache') };
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

async function maskPixels(file: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  const meta = await sharp(file).metadata();
  if (meta.channels !== 1) throw new Error(`${file} should be a one-channel PNG, has ${meta.channels}`);
  const { data, info } = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data: Uint8Array.from(data, (v) => +(v > 127)), width: info.width, height: info.height };
}

beforeAll(async () => {
  models = tinyModels();
  image = join(tempDir('cli-img'), 'rotated.jpg');
  // Stored 250 wide × 401 high with EXIF 6: the user sees 401 × 250.
  await writeTestImage(image, 401, 250, { orientation: 6 });
});

describe('samlabel segment', () => {
  it('writes one PNG, one .npy and one result record per mask, in the pixels the user sees', async () => {
    const out = tempDir('cli-out');
    const run = runSamlabel(['segment', image, '--point', '300,120', '--model', `${models.encoder},${models.disc}`, '--out', out, '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = readJson(join(out, 'result.json'));
    expect(JSON.parse(run.stdout)).toEqual(result);
    expect(result.image).toMatchObject({ width: 401, height: 250 });
    expect(result).toMatchObject({ cache: 'miss', provider: 'cpu', provider_fallback: null });
    const masks = result.masks as MaskRecord[];
    expect(masks.map((m) => m.index)).toEqual([1, 2, 3]);
    for (const m of masks) {
      const png = await maskPixels(join(out, m.file));
      expect([png.width, png.height]).toEqual([401, 250]);
      const c = centroid(png.data, png.width);
      expect(Math.abs(c.x - 300) <= 1 && Math.abs(c.y - 120) <= 1).toBe(true);
      expect(m.area).toBe(c.area);
      expect(Array.from(decodeRle(m.rle).data)).toEqual(Array.from(png.data));
      expect(readFileSync(join(out, m.logits_file)).length).toBe(128 + 256 * 256 * 4);
    }
  });

  it('says in its JSON which provider ran and why it is not the GPU one asked for', () => {
    const run = runSamlabel(['segment', image, '--point', '300,120', '--model', `${models.encoder},${models.disc}`, '--provider', 'cuda', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { provider: string; provider_fallback: string | null };
    expect(result.provider).toBe('cpu');
    expect(result.provider_fallback).toMatch(/cuda/i);
  });

  it('returns the single-mask output with --single, and refines from --mask-input', async () => {
    const first = tempDir('cli-out');
    runSamlabel(['segment', image, '--point', '100,100', '--model', `${models.encoder},${models.disc}`, '--out', first], env);
    const second = tempDir('cli-out');
    const logits = join(first, 'mask_3_logits.npy');
    const run = runSamlabel(['segment', image, '--point', '350,200', '--single', '--mask-input', logits, '--model', `${models.encoder},${models.disc}`, '--out', second], env);
    expect(run.status).toBe(0);
    const result = readJson(join(second, 'result.json'));
    expect(result.cache).toBe('hit');
    const [only] = result.masks as MaskRecord[];
    expect(only.index).toBe(0);
    // The test decoder echoes mask_input: the refined mask is the earlier mask 3, not a disc at the new click.
    expect(readFileSync(join(second, only.file))).toEqual(readFileSync(join(first, 'mask_3.png')));
  });

  it('runs several prompt sets from --prompts on one embedding', async () => {
    const out = tempDir('cli-out');
    const prompts = join(out, 'prompts.jsonl');
    writeFileSync(prompts, '{"points": [[50, 60]], "labels": [1]}\n\n{"box": [40, 30, 200, 180], "multimask": false}\n');
    const run = runSamlabel(['segment', image, '--prompts', prompts, '--model', `${models.encoder},${models.box}`, '--out', out], env);
    expect(run.status).toBe(0);
    const result = readJson(join(out, 'result.json'));
    const sets = result.prompts as Array<{ masks: MaskRecord[] }>;
    expect(sets.map((s) => s.masks.length)).toEqual([3, 1]);
    sets[1].masks[0].bbox.forEach((v, i) => expect(Math.abs(v - [40, 30, 161, 151][i])).toBeLessThanOrEqual(2));
  });
});

describe('samlabel segment on bad input: one line on stderr, exit 2 for usage, 1 otherwise', () => {
  const cases: Array<{ name: string; args: () => string[]; status: number; match: RegExp; prepare?: () => void }> = [
    { name: 'a malformed --point', args: () => ['segment', image, '--point', 'abc', '--model', `${models.encoder},${models.disc}`], status: 2, match: /--point takes 2/ },
    { name: 'no prompt at all', args: () => ['segment', image, '--model', `${models.encoder},${models.disc}`], status: 2, match: /at least one --point/ },
    { name: 'a --model without a decoder', args: () => ['segment', image, '--point', '1,1', '--model', 'enc.onnx'], status: 2, match: /--model takes/ },
    { name: 'a missing image', args: () => ['segment', '/no/such.jpg', '--point', '1,1', '--model', `${models.encoder},${models.disc}`], status: 1, match: /ImageNotFound/ },
    { name: 'a missing model', args: () => ['segment', image, '--point', '1,1', '--model', `/no/enc.onnx,${models.disc}`], status: 1, match: /ModelMissing/ },
    { name: 'an image over --max-pixels', args: () => ['segment', image, '--point', '1,1', '--max-pixels', '1000', '--model', `${models.encoder},${models.disc}`], status: 1, match: /ImageTooLarge/ },
    { name: 'an unknown --provider', args: () => ['segment', image, '--point', '1,1', '--provider', 'tpu', '--model', `${models.encoder},${models.disc}`], status: 2, match: /--provider must be one of/ },
    { name: 'swapped models', args: () => ['segment', image, '--point', '1,1', '--model', `${models.disc},${models.encoder}`], status: 1, match: /ModelInvalid/ },
  ];
  it.each(cases)('$name', ({ args, status, match }) => {
    // A fresh cache: a cached embedding needs no decoding, so the pixel limit would never be reached.
    const run = runSamlabel([...args(), '--out', tempDir('cli-bad')], { SAMLABEL_CACHE_DIR: tempDir('cli-bad-cache') });
    expect(run.status).toBe(status);
    expect(oneLine(run.stderr)).toMatch(match);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /ImageEmpty/],
    ['a text file named .jpg', Buffer.from('not an image at all, just words\n'.repeat(20)), /ImageDecodeError/],
    ['a JPEG cut in half', 'truncate', /ImageTruncated/],
  ] as const)('%s', (_name, content, match) => {
    const file = join(tempDir('cli-badimg'), 'bad.jpg');
    writeFileSync(file, content === 'truncate' ? readFileSync(image).subarray(0, Math.floor(readFileSync(image).length / 2)) : content);
    const run = runSamlabel(['segment', file, '--point', '1,1', '--model', `${models.encoder},${models.disc}`, '--out', tempDir('cli-bad')], env);
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toMatch(match);
  });
});

describe('samlabel cache', () => {
  it('reports and clears what segment cached', () => {
    const cacheDir = tempDir('cli-cache-cmd');
    runSamlabel(['segment', image, '--point', '10,10', '--model', `${models.encoder},${models.disc}`, '--out', tempDir('cli-out')], { SAMLABEL_CACHE_DIR: cacheDir });
    const info = runSamlabel(['cache', 'info', '--json'], { SAMLABEL_CACHE_DIR: cacheDir });
    expect(JSON.parse(info.stdout)).toMatchObject({ dir: cacheDir, entries: 1 });
    expect(runSamlabel(['cache', 'clear', '--cache-dir', cacheDir]).status).toBe(0);
    expect(JSON.parse(runSamlabel(['cache', 'info', '--json', '--cache-dir', cacheDir]).stdout)).toMatchObject({ entries: 0, bytes: 0 });
  });
});

describe('samlabel segment --project', () => {
  it("keeps the embedding in the project's .samlabel/embeddings", async () => {
    const { readdirSync } = await import('node:fs');
    const folder = tempDir('cli-project');
    expect(runSamlabel(['project', 'init', folder]).status).toBe(0);
    const run = runSamlabel(['segment', image, '--point', '10,10', '--project', folder, '--model', `${models.encoder},${models.disc}`, '--out', tempDir('cli-out')]);
    expect(run.stderr).toBe('');
    expect(readdirSync(join(folder, '.samlabel', 'embeddings')).filter((f) => f.endsWith('.emb'))).toHaveLength(1);
  });
});
