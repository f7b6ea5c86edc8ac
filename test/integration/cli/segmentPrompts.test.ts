import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import type { TinyModelPaths } from '../../helpers/tinyModels.js';

/** Issue 11: prompts outside the image, and --prompts lines of the wrong shape, are usage errors (exit 2). */
let models: TinyModelPaths;
let image: string;
const env = { SAMLABEL_CACHE_DIR: tempDir('cli-prompt-cache') };

beforeAll(async () => {
  models = tinyModels();
  image = join(tempDir('cli-prompt-img'), 'photo.png');
  await writeTestImage(image, 1000, 750);
});

function segment(...args: string[]): { status: number | null; line: string; out: string } {
  const out = join(tempDir('cli-prompt-out'), 'out');
  const run = runSamlabel(['segment', image, ...args, '--model', `${models.encoder},${models.box}`, '--out', out], env);
  return { status: run.status, line: run.status === 0 ? '' : oneLine(run.stderr), out };
}

describe('samlabel segment refuses prompts outside the image', () => {
  it.each([
    [['--point', '5000,5000'], /point 1 \(5000, 5000\) is outside the 1000x750 image/],
    [['--neg=-10,-10'], /point 1 \(-10, -10\) is outside the 1000x750 image/],
    [['--point', '1e30,5'], /point 1 \(1e\+30, 5\) is outside/],
    [['--point', '10,10', '--point', '1000.5,10'], /point 2 .* is outside/],
    [['--box', '0,0,1200,700'], /box \[0, 0, 1200, 700\] is outside the 1000x750 image/],
    [['--point', 'NaN,5'], /--point takes 2 comma-separated numbers/],
  ])('%j: exit 2, one line, nothing written', (args, match) => {
    const r = segment(...args);
    expect(r.status).toBe(2);
    expect(r.line).toMatch(/^samlabel: /);
    expect(r.line).toMatch(match);
    expect(existsSync(r.out)).toBe(false);
  });

  it('accepts the far edges of the image', () => {
    expect(segment('--point', '1000,750', '--box', '0,0,1000,750').status).toBe(0);
  });
});

describe('samlabel segment --prompts names the line of a malformed prompt', () => {
  const good = '{"points": [[50, 60]], "labels": [1]}';
  it.each([
    ['{"box": "0,0,10,10"}', /--prompts line 2: box must be \[x0, y0, x1, y1\]/],
    ['{"box": [0, 0, 10]}', /--prompts line 2: box must be \[x0, y0, x1, y1\]/],
    ['{"points": 5}', /--prompts line 2: points must be \[\[x, y\], \.\.\.\]/],
    ['{"points": [[1, "a"]]}', /--prompts line 2: points must be/],
    ['{"points": [[1, 2]], "labels": [1, 0]}', /--prompts line 2: labels must be/],
    ['{"points": [[1, 2]], "mask_input": 5}', /--prompts line 2: mask_input must be a file name/],
    ['{"points": [[1, 2]], "multimask": "yes"}', /--prompts line 2: multimask must be true or false/],
    ['null', /--prompts line 2 must be a JSON object/],
    ['[1, 2]', /--prompts line 2 must be a JSON object/],
    ['{"points": [[1, 2]], "bogus": 1}', /--prompts line 2: unknown key "bogus"/],
    ['{"points": [[900, 700], [4000, 10]]}', /--prompts line 2: point 2 \(4000, 10\) is outside the 1000x750 image/],
  ])('%s', (second, match) => {
    const dir = tempDir('cli-prompt-jsonl');
    const file = join(dir, 'p.jsonl');
    writeFileSync(file, `${good}\n${second}\n${good}\n`);
    const r = segment('--prompts', file);
    expect(r.status).toBe(2);
    expect(r.line).toMatch(match);
    expect(r.line).not.toMatch(/is not a function|Cannot read/);
    expect(existsSync(r.out)).toBe(false);
  });
});

describe('samlabel segment refuses engine flags out of range before starting the engine', () => {
  it.each([
    [['--threads', '1e10'], /--threads takes an integer from 0 to 1024, got "1e10"/],
    [['--max-pixels', '1e30'], /--max-pixels takes an integer from 0 to \d+, got "1e30"/],
  ])('%j', (flags, match) => {
    const r = segment('--point', '1,1', ...flags);
    expect(r.status).toBe(2);
    expect(r.line).toMatch(match);
  });
});
