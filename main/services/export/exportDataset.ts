import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Dataset } from '../../../shared/dataset.js';
import { writeCoco } from './coco.js';
import { writeLabelme } from './labelme.js';
import { planExport } from './plan.js';
import { writePngMasks } from './pngMasks.js';
import type { ExportFormat, ExportOptions, ExportPlan, ExportResult, WriterOutput } from './types.js';
import { writeVoc } from './voc.js';
import { writeYolo } from './yolo.js';
import { EXPORT_MARKER } from '../projects/scanWalk.js';

const WRITERS: Record<ExportFormat, (plan: ExportPlan, options: ExportOptions) => Promise<WriterOutput>> = {
  coco: writeCoco,
  'yolo-seg': writeYolo,
  labelme: writeLabelme,
  'masks-png': writePngMasks,
  voc: writeVoc,
};

/** Writes `dataset` in one format under options.outDir (made absolute: data.yaml records it). */
export async function exportDataset(dataset: Dataset, options: ExportOptions): Promise<ExportResult> {
  const resolved = { ...options, outDir: resolve(options.outDir) };
  const plan = planExport(dataset, resolved);
  const output = await WRITERS[resolved.format](plan, resolved);
  // An export inside the project folder must not come back as project images on the next scan.
  if (!resolved.besideImages) await writeFile(join(resolved.outDir, EXPORT_MARKER), '');
  const splits = plan.splits.map((s) => ({
    name: s.name,
    images: s.images.length,
    annotations: s.images.reduce((n, e) => n + e.annotations.length, 0),
  }));
  return { ...output, format: resolved.format, outDir: resolved.outDir, splits, emptyMasks: plan.emptyMasks };
}
