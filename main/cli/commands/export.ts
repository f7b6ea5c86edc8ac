import type { Command } from 'commander';
import { join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { exportDataset } from '../../services/export/exportDataset.js';
import { parseSplitSpec } from '../../services/export/split.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportResult } from '../../services/export/types.js';
import { BESIDE_MANIFEST } from '../../services/export/beside.js';
import { verifyManifest, type ManifestCheck } from '../../services/export/manifest.js';
import { DEFAULT_VERIFY_IOU, verifyExport, type VerifyReport } from '../../services/export/verify.js';
import { projectToDataset } from '../../services/projects/dataset.js';
import { withProject } from '../../services/projects/withProject.js';
import { CliUsageError } from '../errors.js';

interface ExportFlags {
  format: string;
  out?: string;
  db?: string;
  cocoSeg: string;
  split?: string;
  seed: string;
  onlyDone?: boolean;
  dropEmpty?: boolean;
  copyImages?: boolean;
  yoloBoxes?: boolean;
  besideImages?: boolean;
  voidBorder?: string;
  simplify?: string;
  verify?: boolean;
  overwrite?: boolean;
  labelmeMasks?: boolean;
  iou: string;
  json?: boolean;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `samlabel export <folder> --format <fmt> --out <dir>`: the project's masks in a format other tools load. */
export function register(program: Command): void {
  program
    .command('export <folder>')
    .description(`write the project's annotations as ${EXPORT_FORMATS.join(', ')}`)
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .option('--out <dir>', 'output folder (not needed with --beside-images)')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--coco-seg <kind>', 'COCO segmentation: polygon (masks with holes still go as RLE) | rle', 'polygon')
    .option('--split <spec>', 'named fractions, e.g. train=0.8,val=0.2 (default: everything in train)')
    .option('--seed <n>', 'seed of the shuffle that assigns images to splits', '0')
    .option('--only-done', 'only images marked done')
    .option('--drop-empty', 'leave out images without annotations')
    .option('--copy-images', 'copy images instead of symlinking them')
    .option('--yolo-boxes', 'YOLO: boxes instead of polygons')
    .option('--labelme-masks', 'labelme: pixel-exact `mask` shapes for current labelme (default: polygons, which labelme 5.1 reads)')
    .option('--beside-images', 'labelme: write each JSON next to its image in the project folder')
    .option('--void-border <px>', 'VOC: width of the 255 (void) band along object boundaries', '0')
    .option('--simplify <px>', 'polygon simplification tolerance in pixels (default 0: exact)')
    .option('--overwrite', 'replace an earlier samlabel export in --out (only files its manifest lists; never your own)')
    .option('--verify', 'check every file against the manifest, re-read the export and report every mask that would not survive the round trip')
    .option('--iou <min>', 'least IoU a polygon mask must keep under --verify', String(DEFAULT_VERIFY_IOU))
    .option('--json', 'print the result (and verify report) as JSON')
    .action((folder: string, flags: ExportFlags) => runExport(folder, flags));
}

async function runExport(folder: string, flags: ExportFlags): Promise<void> {
  const options = exportOptions(folder, flags);
  const dataset = await withProject(folder, { db: flags.db, readOnly: true }, projectToDataset);
  const result = await exportDataset(dataset, options);
  const files = flags.verify === true ? await verifyManifest(result.outDir, options.besideImages === true ? join(result.outDir, BESIDE_MANIFEST) : undefined) : null;
  const report = flags.verify === true ? await verifyExport(dataset, result, options, number(flags.iou, '--iou', 0, 1)) : null;
  if (flags.json === true) out(JSON.stringify({ ...summary(result), manifest: files, verify: report }, null, 2));
  else printResult(result, files, report);
  if (files !== null && files.problems.length > 0) {
    throw new SamlabelError('ExportError', `${files.problems.length} of ${files.files} files do not match the export manifest (listed above)`);
  }
  if (report !== null && report.issues.length > 0) {
    throw new SamlabelError('ExportError', `${report.issues.length} of ${report.checked} masks would not survive the round trip (listed above)`);
  }
}

function exportOptions(folder: string, flags: ExportFlags): ExportOptions {
  const format = flags.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new CliUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (flags.cocoSeg !== 'polygon' && flags.cocoSeg !== 'rle') throw new CliUsageError('--coco-seg must be polygon or rle');
  const only = (flag: string, set: boolean, wanted: ExportFormat): void => {
    if (set && format !== wanted) throw new CliUsageError(`${flag} applies to --format ${wanted}, not ${format}`);
  };
  only('--yolo-boxes', flags.yoloBoxes === true, 'yolo-seg');
  only('--beside-images', flags.besideImages === true, 'labelme');
  only('--labelme-masks', flags.labelmeMasks === true, 'labelme');
  only('--void-border', flags.voidBorder !== '0', 'voc');
  const beside = flags.besideImages === true;
  if (!beside && flags.out === undefined) throw new CliUsageError('--out <dir> is required');
  if (flags.out !== undefined && flags.out.trim() === '') throw new CliUsageError('--out must name a folder');
  if (beside && flags.out !== undefined) throw new CliUsageError('--beside-images writes next to the images: no --out');
  if (beside && flags.split !== undefined) throw new CliUsageError('--beside-images writes next to the images: no --split');
  return {
    format,
    outDir: flags.out ?? '',
    split: flags.split === undefined ? undefined : parseSplitSpec(flags.split),
    seed: number(flags.seed, '--seed', 0, 2 ** 32 - 1),
    onlyDone: flags.onlyDone,
    dropEmpty: flags.dropEmpty,
    copyImages: flags.copyImages,
    cocoSeg: flags.cocoSeg,
    yoloBoxes: flags.yoloBoxes,
    besideImages: beside,
    voidBorder: number(flags.voidBorder ?? '0', '--void-border', 0, 64),
    simplify: flags.simplify === undefined ? 0 : number(flags.simplify, '--simplify', 0, 1000),
    overwrite: flags.overwrite === true,
    labelmeMasks: flags.labelmeMasks === true,
  };
}

function number(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) throw new CliUsageError(`${flag} must be a number from ${min} to ${max}`);
  return value;
}

function summary(result: ExportResult): object {
  return { format: result.format, outDir: result.outDir, splits: result.splits, files: result.files.length, emptyMasksSkipped: result.emptyMasks };
}

function printResult(result: ExportResult, files: ManifestCheck | null, report: VerifyReport | null): void {
  for (const s of result.splits) out(`${s.name}: ${s.images} images, ${s.annotations} annotations`);
  out(`${result.format} export written to ${result.outDir} (${result.files.length} files)`);
  if (result.emptyMasks.length > 0) out(`skipped ${result.emptyMasks.length} empty masks (annotation ids ${result.emptyMasks.slice(0, 10).join(', ')})`);
  if (files !== null) {
    for (const p of files.problems) out(`verify: ${p.path}: ${p.problem}`);
    if (files.problems.length === 0) out(`verify: all ${files.files} files match the manifest`);
  }
  if (report === null) return;
  for (const i of report.issues) out(`verify: ${i.image}: annotation ${i.annotationId}: ${i.reason}`);
  if (report.issues.length === 0) out(`verify: all ${report.checked} masks survive the round trip`);
}
