import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { encodeRle, maskBbox } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import type { Size } from '../../../shared/sam/coords.js';
import { lowResCandidate } from '../../../shared/sam/postprocess.js';
import { promptProblem } from '../../../shared/sam/promptValidation.js';
import type { EngineClient } from '../../inference/engineClient.js';
import type { PredictResult, SetImageResult } from '../../inference/predictor.js';
import { writeOverlay } from '../../services/overlay/overlay.js';
import { addEngineFlags, startEngine, type EngineFlags } from '../engineFlags.js';
import { CliUsageError } from '../errors.js';
import { readNpyFloat32, writeNpyFloat32 } from '../npy.js';
import { promptFromFlags, promptFromJsonLine, type PromptSet } from '../promptArgs.js';

interface SegmentFlags extends EngineFlags {
  point?: string[];
  neg?: string[];
  box?: string;
  maskInput?: string;
  single?: boolean;
  prompts?: string;
  out: string;
  json?: boolean;
  overlay?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function register(program: Command): void {
  const cmd = program
    .command('segment <image>')
    .description('Segment one image from clicks / a box; writes mask PNGs, low-res logits (.npy) and result.json')
    .option('--point <x,y>', 'positive click in image pixels (after EXIF orientation); repeatable', collect)
    .option('--neg <x,y>', 'negative click; repeatable', collect)
    .option('--box <x0,y0,x1,y1>', 'box prompt in image pixels')
    .option('--mask-input <logits.npy>', "a previous mask's 256x256 low-res logits, to refine it")
    .option('--single', "one mask (SamPredictor's multimask_output=False)")
    .option('--prompts <file.jsonl>', 'many prompt sets on one embedding, one JSON object per line')
    .option('--out <dir>', 'output folder', 'segment-out')
    .option('--json', 'print result.json to stdout')
    .option('--overlay <out.png>', 'also draw the masks over the image into this PNG');
  addEngineFlags(cmd).action((image: string, flags: SegmentFlags) => segment(image, flags));
}

/** A prompt set and where it came from, for messages ("--prompts line 3"). */
interface SourcedPrompt {
  readonly prompt: PromptSet;
  readonly origin: string;
}

async function loadPrompts(flags: SegmentFlags): Promise<SourcedPrompt[]> {
  if (!flags.prompts) return [{ prompt: promptFromFlags(flags), origin: '--point/--neg/--box' }];
  if (flags.point || flags.neg || flags.box) throw new CliUsageError('use either --prompts or --point/--neg/--box, not both');
  const text = await readFile(flags.prompts, 'utf8').catch(() => {
    throw new CliUsageError(`cannot read --prompts file ${flags.prompts}`);
  });
  const lines = text.split('\n').map((l, i) => [l.trim(), i + 1] as const).filter(([l]) => l.length > 0);
  if (lines.length === 0) throw new CliUsageError(`--prompts file ${flags.prompts} is empty`);
  return lines.map(([l, n]) => ({ prompt: promptFromJsonLine(l, n), origin: `--prompts line ${n}` }));
}

/** Every prompt set is checked against the image before any is run, so a bad one writes nothing. */
function checkPrompts(prompts: readonly SourcedPrompt[], size: Size): void {
  for (const { prompt, origin } of prompts) {
    const problem = promptProblem(prompt, size);
    if (problem !== null) throw new CliUsageError(`${origin}: ${problem}`);
  }
}

async function segment(image: string, flags: SegmentFlags): Promise<void> {
  const sourced = await loadPrompts(flags);
  const prompts = sourced.map((s) => s.prompt);
  const { client, model } = await startEngine(flags);
  try {
    const set = await client.setImage(resolve(image));
    checkPrompts(sourced, { width: set.width, height: set.height });
    const outDir = resolve(flags.out);
    await mkdir(outDir, { recursive: true });
    const runs = [];
    for (const [i, prompt] of prompts.entries()) {
      const prefix = prompts.length > 1 ? `p${i}_` : '';
      runs.push(await runPrompt(client, prompt, outDir, prefix));
    }
    const header = { image: { path: resolve(image), width: set.width, height: set.height, sha256: set.sha256 }, model, provider: client.info.provider, provider_fallback: client.info.providerFallback ?? null, cache: set.cache };
    const result = prompts.length > 1 ? { ...header, timings_ms: timings(set), prompts: runs } : { ...header, ...runs[0], timings_ms: { ...timings(set), ...runs[0].timings_ms } };
    const json = JSON.stringify(result, null, 2);
    await writeFile(join(outDir, 'result.json'), `${json}\n`);
    if (flags.overlay) await writeOverlay(resolve(image), runs.flatMap((r) => r.masks.map((m) => ({ mask: m.rle, label: `${m.index} ${m.score.toFixed(2)}` }))), resolve(flags.overlay), { outline: true });
    if (flags.json) process.stdout.write(`${json}\n`);
    else process.stdout.write(`${runs.reduce((n, r) => n + r.masks.length, 0)} mask(s) written to ${outDir}\n`);
  } finally {
    client.close();
  }
}

function timings(set: SetImageResult): { encode: number; set_image: number } {
  return { encode: round(set.timingsMs.encode), set_image: round(set.timingsMs.total) };
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

async function runPrompt(client: EngineClient, prompt: PromptSet, outDir: string, prefix: string) {
  const maskInput = prompt.maskInputFile ? await loadMaskInput(prompt.maskInputFile, client.info.lowResSize) : undefined;
  const result = await client.predict({ ...prompt, maskInput, upsample: {} });
  const masks = [];
  for (let k = 0; k < result.indices.length; k++) masks.push(await writeMask(result, k, outDir, prefix));
  return { timings_ms: { decode: round(result.timingsMs.decode) }, masks };
}

async function loadMaskInput(file: string, lowResSize: number): Promise<Float32Array> {
  const { data, shape } = await readNpyFloat32(file);
  const side = shape.at(-1);
  if (data.length !== lowResSize * lowResSize || side !== lowResSize) {
    throw new CliUsageError(`--mask-input must be ${lowResSize}x${lowResSize} float32 logits (a *_logits.npy this command wrote), got shape (${shape.join(', ')})`);
  }
  return data;
}

async function writeMask(result: PredictResult, k: number, outDir: string, prefix: string) {
  const upsampled = result.masks;
  if (!upsampled) throw new Error('engine returned no upsampled masks');
  const mask = upsampled.masks[k];
  const index = result.indices[k];
  const file = `${prefix}mask_${index}.png`;
  const logitsFile = `${prefix}mask_${index}_logits.npy`;
  await writePng(join(outDir, file), mask);
  const side = result.lowResSize;
  await writeNpyFloat32(join(outDir, logitsFile), lowResCandidate(result.lowResLogits, k, side), [side, side]);
  const rle = encodeRle(mask);
  return { index, score: result.iouPredictions[k], stability_score: upsampled.stabilityScores[k], area: upsampled.areas[k], bbox: maskBbox(mask), rle: { size: rle.size, counts: rle.counts }, file, logits_file: logitsFile };
}

async function writePng(path: string, mask: BinaryMask): Promise<void> {
  const pixels = Buffer.alloc(mask.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = mask.data[i] ? 255 : 0;
  await sharp(pixels, { raw: { width: mask.width, height: mask.height, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}
