import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { basename, join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { UncompressedRle } from '../../../shared/masks/types.js';
import type { EngineClient } from '../../inference/engineClient.js';
import { SamAutomaticMaskGenerator, type AmgProgress, type AmgResult } from '../../services/auto/generator.js';
import { folderImages, inputKind, projectImages, type InputImage } from '../../services/auto/inputs.js';
import { addAutoAnnotations, hasAutoAnnotations } from '../../services/auto/intoProject.js';
import { modelAmgDefaults } from '../../services/auto/modelDefaults.js';
import { isDone, writeResult, type ResultHeader } from '../../services/auto/results.js';
import { writeOverlay } from '../../services/overlay/overlay.js';
import type { Project } from '../../services/projects/project.js';
import { withProject } from '../../services/projects/withProject.js';
import { resolveAmgParams } from '../../../shared/masks/amg/params.js';
import { addAmgFlags, amgParamsFromFlags, amgParamsJson, type AmgFlags } from '../amgFlags.js';
import { addEngineFlags, startEngine, type EngineFlags } from '../engineFlags.js';
import { CliUsageError } from '../errors.js';

interface AutoFlags extends EngineFlags, AmgFlags {
  out: string;
  json?: boolean;
  overlay?: string;
  intoProject?: boolean;
  label: string;
  db?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('auto <input>')
    .description('Automatic mask generation (SAM\'s SamAutomaticMaskGenerator) on an image, every image of a folder, or a project\'s images')
    .option('--out <dir>', 'result folder: one <image>.json per image; a folder run skips images already there', 'auto-out')
    .option('--json', 'print the result: JSON for one image, one JSON line per image for several')
    .option('--overlay <path>', 'overlay PNG of the masks (for several images: a folder of PNGs)')
    .option('--into-project', 'add the masks to the project as annotations (source auto, needs review); images that have some are skipped')
    .option('--label <name>', 'label for --into-project masks (created if missing)', 'object')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/');
  addEngineFlags(addAmgFlags(cmd)).action((input: string, flags: AutoFlags) => runAuto(input, flags));
}

interface Run {
  readonly client: EngineClient;
  readonly generator: SamAutomaticMaskGenerator;
  readonly header: Omit<ResultHeader, 'image'>;
  readonly flags: AutoFlags;
  readonly many: boolean;
}

async function runAuto(input: string, flags: AutoFlags): Promise<void> {
  const params = amgParamsFromFlags(flags);
  resolveAmgParams(params); // a bad knob fails before the model loads
  const kind = inputKind(input, flags.db);
  if (flags.intoProject && kind !== 'project') throw new CliUsageError('--into-project needs a project folder as <input>');
  const engineFlags = kind === 'project' && !flags.cacheDir && !flags.project ? { ...flags, project: input } : flags;
  const { client, model } = await startEngine(engineFlags);
  try {
    const generator = new SamAutomaticMaskGenerator(client, { ...modelAmgDefaults(client.info.modelId), ...params });
    const run: Run = { client, generator, header: { model, provider: client.info.provider, provider_fallback: client.info.providerFallback ?? null, params: amgParamsJson(generator.params) }, flags, many: kind !== 'image' };
    if (kind === 'image') await runOne(run, { path: resolve(input), relPath: basename(input) });
    else if (kind === 'folder') await runMany(run, await folderImages(input, [flags.out, ...(flags.overlay ? [flags.overlay] : [])]));
    else await withProject(resolve(input), { db: flags.db, command: 'samlabel auto' }, (project) => runMany(run, projectImages(project), project));
  } finally {
    client.close();
  }
}

async function generateOne(run: Run, image: InputImage, onProgress?: (p: AmgProgress) => void): Promise<{ result: AmgResult; json: Record<string, unknown> }> {
  const result = await run.generator.generate(image.path, { onProgress });
  const header = { image: { path: image.path, width: result.width, height: result.height }, ...run.header };
  const json = await writeResult(resolve(run.flags.out), image.relPath, header, result);
  if (run.flags.overlay) {
    const target = run.many ? join(resolve(run.flags.overlay), image.relPath.replace(/\.[^./]+$/, '.png')) : resolve(run.flags.overlay);
    await mkdir(resolve(target, '..'), { recursive: true });
    await writeOverlay(image.path, result.masks.map((m) => ({ mask: m.rle, label: m.predictedIou.toFixed(2) })), target, { outline: true });
  }
  return { result, json };
}

async function runOne(run: Run, image: InputImage): Promise<void> {
  const { result, json } = await generateOne(run, image);
  if (run.flags.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${result.records.length} mask(s) for ${image.relPath} in ${resolve(run.flags.out)}\n`);
}

async function runMany(run: Run, images: InputImage[], project?: Project): Promise<void> {
  const out = resolve(run.flags.out);
  const todo = images.filter((im) => !(project && run.flags.intoProject ? hasAutoAnnotations(project, im.imageId as number) : isDone(out, im.relPath)));
  const bar = progressBar(images.length, images.length - todo.length);
  let masks = 0;
  try {
    for (const image of todo) {
      const { result, json } = await generateOne(run, image, (p) => bar?.points(p, image.relPath));
      masks += result.records.length;
      if (project && run.flags.intoProject) addToProject(project, image, result, run.flags.label);
      if (run.flags.json) process.stdout.write(`${JSON.stringify(json)}\n`);
      bar?.image();
    }
  } finally {
    bar?.stop();
  }
  if (!run.flags.json) process.stdout.write(`${masks} mask(s) for ${todo.length} image(s) in ${out}; ${images.length - todo.length} already done\n`);
}

function addToProject(project: Project, image: InputImage, result: AmgResult, label: string): void {
  const items = result.masks.map((m) => ({
    rle: m.rle as UncompressedRle,
    label,
    score: m.predictedIou,
    stability: m.stabilityScore,
    prompts: { pointCoords: m.pointCoords, pointLabels: m.pointCoords.map(() => 1), box: null },
    reason: 'automatic mask (samlabel auto)',
  }));
  addAutoAnnotations(project, image.imageId as number, items, `auto: ${items.length} masks`);
}

/** Images on a bar, the current image's grid points as its payload; stderr and TTY only. */
function progressBar(total: number, done: number): { points: (p: AmgProgress, name: string) => void; image: () => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'auto [{bar}] {value}/{total} images | {name} {points}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, done, { name: '', points: '' });
  let value = done;
  return {
    points: (p, name) => bar.update(value, { name, points: `${p.pointsDone}/${p.pointsTotal} points${p.crops > 1 ? `, crop ${p.crop + 1}/${p.crops}` : ''}` }),
    image: () => bar.update(++value),
    stop: () => bar.stop(),
  };
}
