import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSamlabel } from '../../helpers/cli.js';
import { FIXTURES, tempDir } from '../../helpers/engineHarness.js';

/** Issue 11: a valid 8000×1 PNG (and its 1×8000 twin) is accepted by scan and segment. */
let folder: string;

beforeAll(async () => {
  folder = join(tempDir('cli-aspect'), 'images');
  await mkdir(folder);
  const grey = (w: number, h: number) => sharp(Buffer.alloc(w * h * 3, 120), { raw: { width: w, height: h, channels: 3 } }).png();
  await grey(8000, 1).toFile(join(folder, 'wide.png'));
  await grey(1, 8000).toFile(join(folder, 'tall.png'));
});

describe('an 8000×1 image', () => {
  it.each([
    ['wide.png', '4000,0.5', [1, 8000]],
    ['tall.png', '0.5,4000', [8000, 1]],
  ] as const)('%s: segment returns masks of the image size, with the built-in and a real SAM decoder', (file, point, size) => {
    // The random-weight SAM graphs, not the tiny test decoders: those redo SAM's int(x + 0.5) in-graph
    // and divide by the 0-pixel side, as the official full-size `masks` output would (the engine prunes it).
    const sam = `${join(FIXTURES, 'mobile_sam_like_encoder.onnx')},${join(FIXTURES, 'sam_decoder_multi.onnx')}`;
    for (const model of [[], ['--model', sam]]) {
      const out = tempDir('cli-aspect-out');
      const run = runSamlabel(['segment', join(folder, file), '--point', point, ...model, '--out', out], { SAMLABEL_CACHE_DIR: tempDir('cli-aspect-cache') });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { masks: { rle: { size: number[] } }[] };
      expect(result.masks.length).toBeGreaterThan(0);
      for (const m of result.masks) expect(m.rle.size).toEqual(size);
    }
  });

  it('is entered by project init with its size', () => {
    const env = { SAMLABEL_CONFIG_DIR: tempDir('cli-aspect-config') };
    const init = runSamlabel(['project', 'init', folder], env);
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('2 added');
    expect(init.stdout).toContain('0 unreadable');
  });
});
