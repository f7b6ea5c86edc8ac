import type { Command } from 'commander';
import { applyLabelMap, loadLabelMap } from '../../services/import/labelMap.js';
import { IMPORT_FORMATS, readDataset, type ImportFormat } from '../../services/import/readDataset.js';
import { importDataset, type ImportResult } from '../../services/projects/dataset.js';
import { withProject } from '../../services/projects/withProject.js';
import { CliUsageError } from '../errors.js';

interface ImportFlags {
  format: string;
  labels?: string;
  merge?: boolean;
  replace?: boolean;
  db?: string;
  json?: boolean;
}

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
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--json', 'print the result as JSON')
    .action((folder: string, path: string, flags: ImportFlags) => runImport(folder, path, flags));
}

async function runImport(folder: string, path: string, flags: ImportFlags): Promise<void> {
  const format = flags.format as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw new CliUsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (flags.merge === true && flags.replace === true) throw new CliUsageError('use --merge or --replace, not both');
  let dataset = await readDataset(format, path);
  if (flags.labels !== undefined) dataset = applyLabelMap(dataset, await loadLabelMap(flags.labels));
  const mode = flags.replace === true ? 'replace' : 'merge';
  const result = await withProject(folder, { db: flags.db, command: 'samlabel import' }, (project) => importDataset(project, dataset, { mode }));
  if (flags.json === true) out(JSON.stringify(result, null, 2));
  else printResult(result, dataset.images.length);
}

function printResult(r: ImportResult, images: number): void {
  out(`${r.imagesMatched} of ${images} images matched; ${r.annotationsAdded} annotations added, ${r.annotationsRemoved} removed, ${r.duplicatesSkipped} duplicates skipped`);
  if (r.categoriesCreated.length > 0) out(`new labels: ${r.categoriesCreated.join(', ')}`);
  if (r.unmatchedImages.length > 0) {
    const shown = r.unmatchedImages.slice(0, 10).join(', ');
    out(`not in the project (skipped): ${shown}${r.unmatchedImages.length > 10 ? `, … ${r.unmatchedImages.length - 10} more` : ''}`);
  }
}
