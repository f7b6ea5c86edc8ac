import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Dataset } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { checkBesideTargets, finishBeside, readBesideManifest } from './beside.js';
import { writeCoco } from './coco.js';
import { writeLabelme } from './labelme.js';
import { MANIFEST_FILE, manifestText } from './manifest.js';
import { ExportOutput } from './output.js';
import { planExport, projectRoot } from './plan.js';
import { writePngMasks } from './pngMasks.js';
import { createStaging, discardStaging, publishStaging } from './publish.js';
import { checkOutDir } from './target.js';
import type { ExportFormat, ExportOptions, ExportPlan, ExportResult, WriterOutput } from './types.js';
import { writeVoc } from './voc.js';
import { writeYolo } from './yolo.js';

type Writer = (plan: ExportPlan, options: ExportOptions, out: ExportOutput) => Promise<WriterOutput>;

const WRITERS: Record<ExportFormat, Writer> = {
  coco: writeCoco,
  'yolo-seg': writeYolo,
  labelme: writeLabelme,
  'masks-png': writePngMasks,
  voc: writeVoc,
};

/**
 * Writes `dataset` in one format to options.outDir without touching a file it did not create: the folder is
 * checked first (checkOutDir), written as a hidden staging sibling with a manifest of every file, and renamed
 * into place only when complete. Beside-images labelme goes file by file instead (exportBeside).
 */
export async function exportDataset(dataset: Dataset, options: ExportOptions): Promise<ExportResult> {
  if (options.besideImages !== true && options.outDir.trim() === '') throw new SamlabelError('BadInput', 'the output folder must be named');
  const outDir = resolve(options.outDir);
  const plan = planExport(dataset, options);
  if (options.besideImages === true) return exportBeside(plan, { ...options, outDir: resolve(projectRoot(plan)) });
  const target = await checkOutDir(outDir, dataset.images, options.overwrite === true);
  const staging = await createStaging(target.realDir);
  try {
    const out = new ExportOutput({ ...options, outDir: staging }, imageCount(plan));
    const output = await WRITERS[options.format](plan, { ...options, outDir: staging, publishDir: outDir }, out);
    const { files, entries } = await out.done();
    // Written last: a folder with a manifest is complete. It also keeps the next scan from taking the export's
    // images for project images when the export is inside the project folder.
    await writeFile(join(staging, MANIFEST_FILE), manifestText(options.format, entries), { flag: 'wx' });
    await publishStaging(staging, target);
    const published = (path: string): string => (path.startsWith(staging) ? outDir + path.slice(staging.length) : path);
    return result(plan, options, outDir, { ...output, readBack: published(output.readBack) }, files.map(published));
  } catch (err) {
    await discardStaging(staging);
    throw err;
  }
}

async function exportBeside(plan: ExportPlan, options: ExportOptions): Promise<ExportResult> {
  const earlier = await readBesideManifest(options.outDir);
  const out = new ExportOutput(options, imageCount(plan));
  try {
    const output = await WRITERS.labelme(plan, options, out);
    const { files, entries } = await out.done();
    await checkBesideTargets(options.outDir, out.stagedTargets(), earlier, options.overwrite === true);
    await out.commit();
    await finishBeside(options.outDir, entries, earlier);
    return result(plan, options, options.outDir, output, files);
  } catch (err) {
    await out.discard();
    throw err;
  }
}

function result(plan: ExportPlan, options: ExportOptions, outDir: string, output: WriterOutput, files: string[]): ExportResult {
  const splits = plan.splits.map((s) => ({
    name: s.name,
    images: s.images.length,
    annotations: s.images.reduce((n, e) => n + e.annotations.length, 0),
  }));
  return { ...output, files, format: options.format, outDir, splits, emptyMasks: plan.emptyMasks };
}

const imageCount = (plan: ExportPlan): number => plan.splits.reduce((n, s) => n + s.images.length, 0);
