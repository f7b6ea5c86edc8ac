import type { Command } from 'commander';
import { displayText } from '../../../shared/text/displayText.js';
import { SamlabelError } from '../../../shared/errors.js';
import { applyLabelMap, loadLabelMap } from '../../services/import/labelMap.js';
import { checkAgainstProject } from '../../services/import/projectCheck.js';
import { IMPORT_FORMATS, readDatasetReport, type ImportFormat } from '../../services/import/readDataset.js';
import { summarizeSkips, type ImportSkip } from '../../services/import/report.js';
import { importDataset, type ImportResult } from '../../services/projects/dataset.js';
import { withProject } from '../../services/projects/withProject.js';
import { CliUsageError } from '../errors.js';

interface ImportFlags {
  format: string;
  labels?: string;
  merge?: boolean;
  replace?: boolean;
  strict?: boolean;
  db?: string;
  json?: boolean;
}

/** Skip lines printed before "… N more" (all of them are in --json). */
const SHOWN_SKIPS = 20;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `samlabel import <folder> <path> --format <fmt>`: annotations from files into the project (one undoable step per image). */
export function register(program: Command): void {
  program
    .command('import <folder> <path>')
    .description(`read ${IMPORT_FORMATS.join(', ')} annotations at <path> into the project in <folder>; images match by relative path`)
    .requiredOption('--format <format>', IMPORT_FORMATS.join(' | '))
    .option('--labels <map.json>', 'rename labels: {"name in the files": "project label", "unwanted": null}')
    .option('--merge', 'add to the annotations already there (default; exact duplicates are skipped)')
    .option('--replace', "replace the matched images' annotations")
    .option('--strict', 'import nothing and exit 1 if any image or annotation would be skipped')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--json', 'print the result as JSON (with every skipped item and its reason)')
    .action((folder: string, path: string, flags: ImportFlags) => runImport(folder, path, flags));
}

async function runImport(folder: string, path: string, flags: ImportFlags): Promise<void> {
  const format = flags.format as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw new CliUsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (flags.merge === true && flags.replace === true) throw new CliUsageError('use --merge or --replace, not both');
  // Images may be links into the project (samlabel's exports make them), nowhere else outside the dataset.
  const read = await readDatasetReport(format, path, { imageRoots: [folder] });
  const dataset = flags.labels === undefined ? read.dataset : applyLabelMap(read.dataset, await loadLabelMap(flags.labels));
  const mode = flags.replace === true ? 'replace' : 'merge';
  await withProject(folder, { db: flags.db, command: 'samlabel import' }, (project) => {
    const checked = checkAgainstProject(project, { dataset, skipped: read.skipped }, path);
    if (flags.strict === true && checked.skipped.length > 0) {
      printSkips(checked.skipped, flags.json === true);
      throw new SamlabelError('ImportError', `${checked.skipped.length} items would be skipped (${summarizeSkips(checked.skipped)}); nothing imported (--strict)`);
    }
    const result = importDataset(project, checked.dataset, { mode });
    const imagesRead = dataset.images.length + skippedImages(read.skipped);
    if (flags.json === true) out(JSON.stringify({ ...result, imagesRead, skipped: checked.skipped }, null, 2));
    else printResult(result, imagesRead, checked.skipped);
  });
}

/** Images the reader left out entirely (a size mismatch, an unreadable mask): they count as read, not matched. */
function skippedImages(skips: readonly ImportSkip[]): number {
  return new Set(skips.filter((s) => s.item === undefined && s.image !== undefined).map((s) => s.image)).size;
}

function printResult(r: ImportResult, images: number, skipped: readonly ImportSkip[]): void {
  out(`${r.imagesMatched} of ${images} images matched; ${r.annotationsAdded} annotations added, ${r.annotationsRemoved} removed, ${r.duplicatesSkipped} duplicates skipped`);
  if (r.categoriesCreated.length > 0) out(`new labels: ${r.categoriesCreated.map((n) => displayText(n)).join(', ')}`);
  printSkips(skipped, false);
}

function printSkips(skipped: readonly ImportSkip[], json: boolean): void {
  if (json) return out(JSON.stringify({ skipped }, null, 2));
  if (skipped.length === 0) return;
  out(`skipped ${skipped.length} (${summarizeSkips(skipped)}):`);
  for (const s of skipped.slice(0, SHOWN_SKIPS)) {
    const what = [s.image ?? s.file, s.item].filter((p) => p !== undefined).join(' ');
    out(`  ${s.reason}: ${displayText(what)}: ${displayText(s.detail)}`);
  }
  if (skipped.length > SHOWN_SKIPS) out(`  … ${skipped.length - SHOWN_SKIPS} more (--json lists them all)`);
}
