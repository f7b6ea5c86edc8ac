import type { Command } from 'commander';
import { displayText } from '../../../shared/text/displayText.js';
import type { BackupSummary } from '../../db/health.js';
import { projectInfo, type ProjectInfo } from '../../services/projects/info.js';
import { Project } from '../../services/projects/project.js';
import { planRecovery, recoverProject, type RecoverResult, type RecoveryPlan } from '../../services/projects/recover.js';
import { scanProject, type ScanResult } from '../../services/projects/scan.js';
import { withProject } from '../../services/projects/withProject.js';
import { safeLine } from '../reportError.js';

interface DbOption {
  readonly db?: string;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
/** A path or name from the disk (or a message quoting one), as it may be printed. */
const shown = displayText;

/** `samlabel project init|info|scan|recover <folder>`. */
export function register(program: Command): void {
  const project = program.command('project').description('create, inspect, scan and repair a project (a folder of images)');
  project
    .command('init <folder>')
    .description('make <folder> a samlabel project (database in <folder>/.samlabel/) and scan its images')
    .option('--db <path>', 'keep the project database here instead (for a read-only image folder); remembered for later commands')
    .option('--no-scan', 'do not scan the images now')
    .action(async (folder: string, opts: DbOption & { scan: boolean }) => {
      const created = Project.init(folder, { db: opts.db, command: 'samlabel project init' });
      try {
        out(`created project ${shown(created.paths.folder)} (database ${shown(created.paths.dbPath)})`);
        if (opts.scan) printScan(await scanProject(created));
      } finally {
        created.close();
      }
    });
  project
    .command('info <folder>')
    .description('show the project database, schema, image and label counts (read-only; works while the app has it open)')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--json', 'print JSON')
    .action((folder: string, opts: DbOption & { json?: boolean }) => {
      const info = projectInfo(folder, { db: opts.db });
      if (opts.json) out(JSON.stringify(info, null, 2));
      else printInfo(info);
    });
  registerScanAndRecover(project);
}

function registerScanAndRecover(project: Command): void {
  project
    .command('scan <folder>')
    .description('find new, changed, renamed and missing images (images are never modified)')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .action(async (folder: string, opts: DbOption) => {
      printScan(await withProject(folder, { db: opts.db, command: 'samlabel project scan' }, (p) => scanProject(p)));
    });
  project
    .command('recover <folder>')
    .description('check the database and say what recovery would do; with --yes copy a damaged database aside, then salvage its readable rows (or restore the newest sound backup)')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--from-backup', 'restore the newest sound backup instead of salvaging rows')
    .option('--yes', 'do it (without --yes nothing is written)')
    .action((folder: string, opts: DbOption & { fromBackup?: boolean; yes?: boolean }) => {
      const recoverOpts = { db: opts.db, fromBackup: opts.fromBackup };
      if (opts.yes) printRecover(recoverProject(folder, recoverOpts));
      else printPlan(planRecovery(folder, recoverOpts), folder, opts);
    });
}

function printInfo(info: ProjectInfo): void {
  const images = Object.entries(info.images).map(([status, n]) => `${n} ${status.replace('_', ' ')}`);
  const openBy = info.openBy === null ? 'no' : info.openBy === 'unknown' ? 'yes' : `pid ${info.openBy.pid} (${info.openBy.command})`;
  out(`folder      ${shown(info.folder)}`);
  out(`database    ${shown(info.dbPath)}${info.dbInFolder ? '' : ' (outside the folder)'}`);
  out(`schema      ${info.schemaVersion}${info.schemaVersion > info.latestSchemaVersion ? ` (newer than this samlabel: ${info.latestSchemaVersion})` : ''}`);
  out(`images      ${images.join(', ')}`);
  out(`labels      ${info.labels}`);
  out(`annotations ${info.annotations}${info.needsReview > 0 ? ` (${info.needsReview} need review)` : ''}`);
  out(`embeddings  ${shown(info.embeddingsDir)}`);
  out(`backups     ${info.backups.length}`);
  out(`open for writing: ${openBy}`);
  out(info.problems.length === 0 ? 'health      ok' : `health      DAMAGED (${safeLine(info.problems[0])}): run \`samlabel project recover ${shown(info.folder)}\``);
}

function printScan(r: ScanResult): void {
  out(
    `scanned ${r.files} image files: ${r.added} added, ${r.changed} changed, ${r.relinked} renamed, ` +
      `${r.restored} back, ${r.missing} missing, ${r.unchanged} unchanged, ${r.failed} unreadable`,
  );
  if (r.resized > 0 || r.needsReview > 0) {
    out(`${r.resized} images changed pixel size: ${r.needsReview} annotations flagged "needs review" (their masks no longer fit)`);
    for (const i of r.resizedImages.slice(0, 10)) out(`  resized ${shown(i.relPath)}: ${i.from.width}x${i.from.height} -> ${i.to.width}x${i.to.height}`);
  }
  for (const f of r.failures.slice(0, 10)) out(`  skipped ${displayText(f.relPath)}: ${safeLine(f.message)}`);
}

function describeBackup(b: BackupSummary): string {
  return `${shown(b.path)} (${b.images} images, ${b.labels} labels, ${b.annotations} annotations)`;
}

function printPlan(plan: RecoveryPlan, folder: string, opts: DbOption & { fromBackup?: boolean }): void {
  if (plan.method === 'healthy') return out('the database is sound: nothing to recover');
  if (plan.problems.length > 0) out(`problems: ${safeLine(plan.problems.slice(0, 3).join('; '))}`);
  if (plan.method === 'salvaged') {
    out('would copy the damaged file aside and salvage its readable rows into a new database');
    if (plan.backup) out(`(or, with --from-backup, restore backup ${describeBackup(plan.backup)})`);
  } else if (plan.backup) {
    out(`would restore backup ${describeBackup(plan.backup)}; edits made after it are lost`);
  }
  const flags = [opts.db === undefined ? '' : ` --db ${opts.db}`, opts.fromBackup ? ' --from-backup' : ''].join('');
  out(`nothing was changed: run \`samlabel project recover ${shown(folder)}${shown(flags)} --yes\` to do it`);
}

function printRecover(r: RecoverResult): void {
  out(`copied the database as found to ${shown(r.copyDir)}`);
  if (r.method === 'healthy') return out('the database is sound: nothing was changed');
  out(`problems: ${safeLine(r.problems.slice(0, 3).join('; '))}`);
  if (r.method === 'backup') return out(`restored backup ${r.backup ? describeBackup(r.backup) : shown(r.backupUsed ?? '')} (edits made after it are lost)`);
  for (const t of r.salvage?.tables ?? []) {
    out(`  ${t.table}: ${t.copied} rows kept${t.readErrors + t.rejected > 0 ? `, damaged parts skipped (${t.readErrors} unreadable, ${t.rejected} garbled)` : ''}`);
  }
  if (r.salvage?.journalDropped) out('undo history was dropped (it no longer matched the salvaged rows)');
  out('salvaged the readable rows into a new database');
}
