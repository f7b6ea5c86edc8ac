import type { Command } from 'commander';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { boxesToMasks, type BoxMode, type ImageBoxMasks } from '../../services/boxes/boxesToMasks.js';
import { cocoBuilder } from '../../services/boxes/cocoOut.js';
import { openDetections, type DetectionSource } from '../../services/boxes/detections.js';
import { folderImages, inputKind, projectImages, type InputImage } from '../../services/auto/inputs.js';
import { addAutoAnnotations } from '../../services/auto/intoProject.js';
import { writeOverlay } from '../../services/overlay/overlay.js';
import type { Project } from '../../services/projects/project.js';
import { withProject } from '../../services/projects/withProject.js';
import type { EngineClient } from '../../inference/engineClient.js';
import { addEngineFlags, startEngine, type EngineFlags } from '../engineFlags.js';
import { CliUsageError } from '../errors.js';

interface BoxesFlags extends EngineFlags {
  detections: string;
  single?: boolean;
  bestOf3?: boolean;
  out: string;
  overlay?: string;
  intoProject?: boolean;
  db?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('boxes <input>')
    .description('Detector boxes → SAM masks (two-stage pipeline) for an image, a folder or a project; keeps each detection\'s class and score')
    .requiredOption('--detections <path>', 'YOLO txt folder (<stem>.txt: class cx cy w h [score], names from classes.txt or data.yaml) or COCO detections JSON')
    .option('--single', 'one mask per box (multimask_output=False, the default)')
    .option('--best-of-3', "SAM's three candidates per box, keep the highest predicted IoU")
    .option('--out <file.json>', 'COCO instances JSON with RLE masks', 'boxes.json')
    .option('--overlay <path>', 'overlay PNG with masks, boxes and labels (for several images: a folder)')
    .option('--into-project', 'add the masks to the project as annotations (source auto, needs review) instead of a JSON')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--json', 'print the COCO JSON to stdout');
  addEngineFlags(cmd).action((input: string, flags: BoxesFlags) => runBoxes(input, flags));
}

interface Run {
  readonly client: EngineClient;
  readonly detections: DetectionSource;
  readonly mode: BoxMode;
  readonly flags: BoxesFlags;
  readonly many: boolean;
}

async function runBoxes(input: string, flags: BoxesFlags): Promise<void> {
  if (flags.single && flags.bestOf3) throw new CliUsageError('use --single or --best-of-3, not both');
  const kind = inputKind(input, flags.db);
  if (flags.intoProject && kind !== 'project') throw new CliUsageError('--into-project needs a project folder as <input>');
  const detections = await openDetections(resolve(flags.detections));
  const engineFlags = kind === 'project' && !flags.cacheDir && !flags.project ? { ...flags, project: input } : flags;
  const { client } = await startEngine(engineFlags);
  try {
    const run: Run = { client, detections, mode: flags.bestOf3 ? 'best-of-3' : 'single', flags, many: kind !== 'image' };
    if (kind === 'image') await runImages(run, [{ path: resolve(input), relPath: basename(input) }]);
    else if (kind === 'folder') await runImages(run, await folderImages(input, flags.overlay ? [flags.overlay] : []));
    else await withProject(resolve(input), { db: flags.db, command: 'samlabel boxes' }, (project) => runImages(run, projectImages(project), project));
  } finally {
    client.close();
  }
}

async function runImages(run: Run, images: InputImage[], project?: Project): Promise<void> {
  const coco = cocoBuilder();
  let masks = 0;
  let without = 0;
  for (const image of images) {
    const detections = await run.detections.forImage(image.relPath);
    if (!detections) {
      without++;
      continue;
    }
    const result = await boxesToMasks(run.client, image.path, detections, run.mode);
    masks += result.masks.length;
    if (project && run.flags.intoProject) addToProject(project, image, result);
    else coco.add(image.relPath, result);
    if (run.flags.overlay) await overlay(run, image, result);
  }
  if (!run.flags.intoProject) await writeJson(resolve(run.flags.out), coco.json());
  if (run.flags.json && !run.flags.intoProject) process.stdout.write(`${JSON.stringify(coco.json(), null, 2)}\n`);
  else process.stdout.write(`${masks} mask(s) from boxes for ${images.length - without} image(s)${without ? `; ${without} without detections` : ''}${run.flags.intoProject ? ' added to the project' : ` in ${resolve(run.flags.out)}`}\n`);
}

function addToProject(project: Project, image: InputImage, result: ImageBoxMasks): void {
  const items = result.masks.map((m) => ({
    rle: m.rle,
    label: m.label,
    score: m.detectionScore,
    stability: m.stabilityScore,
    prompts: { pointCoords: [], pointLabels: [], box: m.box },
    reason: 'mask from a detector box (samlabel boxes)',
  }));
  addAutoAnnotations(project, image.imageId as number, items, `boxes: ${items.length} masks`);
}

async function overlay(run: Run, image: InputImage, result: ImageBoxMasks): Promise<void> {
  const target = run.many ? join(resolve(run.flags.overlay as string), image.relPath.replace(/\.[^./]+$/, '.png')) : resolve(run.flags.overlay as string);
  await mkdir(dirname(target), { recursive: true });
  const label = (l: string, s: number | null): string => (s === null ? l : `${l} ${s.toFixed(2)}`);
  await writeOverlay(image.path, result.masks.map((m) => ({ mask: m.rle, label: label(m.label, m.detectionScore) })), target, { outline: true, boxes: true });
}

async function writeJson(path: string, json: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, `${JSON.stringify(json)}\n`);
  await rename(`${path}.tmp`, path);
}
