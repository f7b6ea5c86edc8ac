/**
 * Builds the interactive-segmentation evaluation set: textured silhouettes composited onto the sample photos
 * (shadows, defocus, colours pulled towards the background, holes, thin parts, look-alike distractors), plus masks
 * traced by hand on the photos themselves. Deterministic: same seed, same bytes.
 *
 *   npx tsx test/data/evalset/generate.ts [outDir] [--count N] [--seed S]
 *
 * Writes outDir/images/<name>.jpg and outDir/masks/<name>.png (0/255, 128 = ignore); default outDir is
 * test/data/evalset/out (git-ignored).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { composite, randomDifficulty } from './composite.js';
import { writeHandMasks } from './handMasks.js';
import { loadPhoto, type FloatRgb } from './raster.js';
import { Rng } from './rng.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SAMPLES_DIR = join(HERE, '../../../../shared/samples');
export const SAMPLE_NAMES = ['truck', 'dog', 'dogs', 'groceries', 'parrots'] as const;
export const DEFAULT_OUT = join(HERE, 'out');
/** Composites are made at this longest side: the size class of the standard sets (GrabCut, Berkeley, DAVIS at 480p). */
const LONGEST_SIDE = 720;

export interface GenerateOptions {
  readonly outDir: string;
  readonly count: number;
  readonly seed: number;
  /** Which hand-traced masks to include (default: all). */
  readonly hand?: readonly string[];
}

export async function generateEvalSet(options: GenerateOptions): Promise<string[]> {
  const { outDir, count, seed } = options;
  await mkdir(join(outDir, 'images'), { recursive: true });
  await mkdir(join(outDir, 'masks'), { recursive: true });
  const textures = await Promise.all(SAMPLE_NAMES.map((n) => loadPhoto(join(SAMPLES_DIR, `${n}.jpg`), 900)));
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const rng = new Rng(seed * 7919 + i);
    const name = `synth_${String(i).padStart(3, '0')}`;
    const background = await randomBackground(rng, SAMPLE_NAMES[i % SAMPLE_NAMES.length]);
    const texture = textures[rng.int(0, textures.length)];
    const c = composite(background, texture, rng, randomDifficulty(rng));
    await writeImage(join(outDir, 'images', `${name}.jpg`), c.image, c.width, c.height);
    await writeMask(join(outDir, 'masks', `${name}.png`), c.mask, c.width, c.height);
    names.push(name);
  }
  names.push(...(await writeHandMasks(outDir, SAMPLES_DIR, options.hand)));
  return names;
}

async function randomBackground(rng: Rng, sample: string): Promise<FloatRgb> {
  const path = join(SAMPLES_DIR, `${sample}.jpg`);
  const meta = await sharp(path).metadata();
  const [w, h] = [meta.width ?? 0, meta.height ?? 0];
  const f = rng.uniform(0.6, 1);
  const [cw, ch] = [Math.round(w * f), Math.round(h * f)];
  const crop: [number, number, number, number] = [rng.int(0, w - cw + 1), rng.int(0, h - ch + 1), cw, ch];
  return loadPhoto(path, LONGEST_SIDE, crop);
}

export async function writeImage(path: string, rgb: Uint8Array, width: number, height: number): Promise<void> {
  // Fixed encoder settings keep the JPEG bytes reproducible across runs of the same sharp version.
  const jpeg = await sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 88, mozjpeg: false }).toBuffer();
  await writeFile(path, jpeg);
}

export async function writeMask(path: string, grey: Uint8Array, width: number, height: number): Promise<void> {
  await writeFile(path, await sharp(grey, { raw: { width, height, channels: 1 } }).png().toBuffer());
}

function parseArgs(argv: string[]): GenerateOptions {
  const flag = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const positional = argv.filter((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  return { outDir: positional[0] ?? DEFAULT_OUT, count: flag('--count', 40), seed: flag('--seed', 1) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const names = await generateEvalSet(options);
  process.stdout.write(`wrote ${names.length} images and masks to ${options.outDir}\n`);
}
