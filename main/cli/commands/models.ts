import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { displayText } from '../../../shared/text/displayText.js';
import type { CatalogEntry } from '../../services/models/catalogSchema.js';
import type { DoctorReport } from '../../services/models/doctor.js';
import type { DownloadProgress } from '../../services/models/download.js';
import type { ModelRow } from '../../services/models/listModels.js';
import { CliUsageError } from '../errors.js';

// Every CLI start loads every command module: the model services (onnxruntime, undici, yauzl) load only
// when a `models` subcommand runs, not for `samlabel project init`.
const services = async () => {
  const [catalog, listing, dir, registry, install] = await Promise.all([
    import('../../services/models/catalog.js'),
    import('../../services/models/listModels.js'),
    import('../../services/models/modelsDir.js'),
    import('../../services/models/registry.js'),
    import('../../services/models/install.js'),
  ]);
  return { ...catalog, ...listing, ...dir, ...registry, ...install };
};

/** `samlabel models …`: the catalog, the models directory, downloads, imports and the runtime doctor. */

/** "MIT (export) over Apache-2.0 weights (…)" → "MIT + Apache-2.0": the identifiers, for a table cell. */
function shortLicence(text: string): string {
  const ids = [...new Set(text.match(/Apache-2\.0|MIT|GPL-3\.0|S-Lab License [0-9.]+/g) ?? [])].map((s) => s.trim());
  return ids.length > 0 ? ids.join(' + ') : text.slice(0, 30);
}

function printTable(rows: readonly ModelRow[], formatBytes: (b: number | null) => string): void {
  const lines = rows.map((r) => [
    r.id,
    r.status === 'installed' ? `installed (${r.source})` : 'available',
    formatBytes(r.bytes),
    r.verified,
    r.contract,
    `${r.nonCommercial ? 'NON-COMMERCIAL ' : ''}${shortLicence(r.license)}`,
  ]);
  const header = ['ID', 'STATUS', 'SIZE', 'VERIFIED', 'FAMILY', 'LICENCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [header, ...lines]) process.stdout.write(`${l.map((c, i) => (i < l.length - 1 ? c.padEnd(widths[i]) : c)).join('  ')}\n`);
}

const note = (line: string): void => void process.stderr.write(`${line}\n`);

/** The licence and pin status, said before a byte is downloaded. */
function announce(entry: CatalogEntry, svc: Awaited<ReturnType<typeof services>>): void {
  const { formatBytes, downloadBytes, describeSource } = svc;
  note(`${entry.id}: ${entry.name}`);
  note(`licence: ${entry.license}`);
  if (entry.nonCommercial) note('NOTE: NON-COMMERCIAL licence: these weights may not be used commercially');
  const unpinned = entry.files.filter((f) => f.sha256 === null);
  if (unpinned.length > 0) note(`unverified: no pinned sha256 for ${unpinned.map((f) => f.name).join(', ')}; size and sha256 are recorded at this first download and checked from then on`);
  note(`download: ${formatBytes(downloadBytes(entry))} from ${entry.files.map((f) => describeSource(f, process.env)).join(', ')}`);
}

/** A progress bar on a terminal; nothing on a pipe (the JSON result says what happened). */
async function progressReporter(): Promise<{ onProgress: (p: DownloadProgress) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{file} [{bar}] {percentage}% | {mb} MB | {rate} MB/s | ETA {eta_s}s', hideCursor: true }, cliProgress.Presets.shades_classic);
  let file = '';
  return {
    onProgress(p) {
      const payload = { file: p.file, mb: (p.bytes / 1024 ** 2).toFixed(1), rate: (p.rate / 1024 ** 2).toFixed(1), eta_s: p.etaSeconds === null ? '?' : Math.round(p.etaSeconds) };
      if (p.file !== file) {
        if (file) bar.stop();
        file = p.file;
        bar.start(p.total ?? p.bytes, p.bytes, payload);
      } else bar.update(p.bytes, payload);
    },
    stop: () => bar.stop(),
  };
}

async function download(id: string, flags: { json?: boolean }): Promise<void> {
  const svc = await services();
  const entry = svc.findCatalogEntry(svc.loadCatalog(), id);
  if (!entry) throw new SamlabelError('ModelMissing', `no catalog model "${id}" (see \`samlabel models list\`)`);
  announce(entry, svc);
  const progress = await progressReporter();
  try {
    const model = await svc.installCatalogModel(entry, { modelsDir: svc.modelsDir(), onProgress: progress.onProgress });
    progress.stop();
    const out = { id, path: model.dir, files: model.manifest.files };
    process.stdout.write(flags.json ? `${JSON.stringify(out, null, 2)}\n` : `installed ${id} in ${displayText(model.dir)} (${model.manifest.files.every((f) => f.pinned) ? 'sha256 verified' : 'sha256 recorded'})\n`);
  } finally {
    progress.stop();
  }
}

function printDoctor(report: DoctorReport): void {
  const r = report.runtime;
  process.stdout.write(`onnxruntime-node ${r.onnxruntime} on node ${r.node}, ${r.platform}-${r.arch}\n`);
  for (const p of report.providers) {
    const state = p.loads ? 'loads' : `does not load: ${p.error ?? 'not built in'}`;
    process.stdout.write(`  ${p.name.padEnd(9)} ${p.compiledIn ? (p.bundled ? 'built in' : 'built in, needs its libraries') : 'not built in'}; ${state}\n`);
  }
  process.stdout.write(`--provider auto uses ${report.auto.chosen}: ${report.auto.why}\n`);
}

export function register(program: Command): void {
  const models = program.command('models').description('SAM models: catalog, downloads, imports, providers');
  models
    .command('list')
    .description('catalog and installed models (size, licence, whether the files are verified)')
    .option('--json', 'print JSON')
    .option('--installed', 'only installed models')
    .action(async (flags: { json?: boolean; installed?: boolean }) => {
      const svc = await services();
      const rows = svc.listModels(svc.loadCatalog(), svc.listInstalled([svc.modelsDir(), ...svc.bundledModelsDirs()])).filter((r) => !flags.installed || r.status === 'installed');
      if (flags.json) process.stdout.write(`${JSON.stringify({ modelsDir: svc.modelsDir(), models: rows }, null, 2)}\n`);
      else printTable(rows, svc.formatBytes);
    });
  models
    .command('remove <id>')
    .description('delete an installed model from the models directory')
    .action(async (id: string) => {
      const svc = await services();
      const removed = svc.removeInstalled(svc.modelsDir(), id);
      process.stdout.write(`removed ${id} (${displayText(removed.dir)})\n`);
    });
  models
    .command('download <id>')
    .description('download a catalog model, verify it (size + sha256) and install it')
    .option('--json', 'print JSON')
    .action(download);
  models
    .command('import <encoder> <decoder>')
    .description('install your own encoder/decoder pair: its family is detected from the graphs')
    .option('--family <family>', 'skip detection: a catalog contract, e.g. sam2-samexporter (see docs/MODELS.md)')
    .option('--name <name>', 'model id (default: from the encoder file name)')
    .option('--json', 'print JSON')
    .action(async (encoder: string, decoder: string, flags: { family?: string; name?: string; json?: boolean }) => {
      const [{ FAMILY_IDS }, { importModel }, { modelsDir }] = await Promise.all([
        import('../../inference/families/index.js'),
        import('../../services/models/importModel.js'),
        import('../../services/models/modelsDir.js'),
      ]);
      if (flags.family && !FAMILY_IDS.includes(flags.family)) throw new CliUsageError(`--family must be one of ${FAMILY_IDS.join(', ')}`);
      const model = await importModel(resolve(encoder), resolve(decoder), { modelsDir: modelsDir(), family: flags.family, name: flags.name });
      const { id, contract } = model.manifest;
      process.stdout.write(flags.json ? `${JSON.stringify({ id, family: contract, path: model.dir }, null, 2)}\n` : `imported ${id} (${contract}): use --model ${id}\n`);
    });
  models
    .command('verify [id]')
    .description('re-hash installed model files (all, or one id)')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      const svc = await services();
      const { verifyModel } = await import('../../services/models/verify.js');
      const installed = svc.listInstalled([svc.modelsDir(), ...svc.bundledModelsDirs()]).filter((m) => !id || m.manifest.id === id);
      if (id && installed.length === 0) throw new SamlabelError('ModelMissing', `model ${id} is not installed`);
      const results = [];
      for (const m of installed) results.push(await verifyModel(m, svc.loadCatalog()));
      if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else for (const r of results) process.stdout.write(r.ok ? `${r.id}: ok\n` : `${r.id}: ${r.problems.join('; ')}\n`);
      const bad = results.filter((r) => !r.ok);
      if (bad.length > 0) throw new SamlabelError('ModelChecksumMismatch', `${bad.map((r) => r.id).join(', ')} changed since install: \`samlabel models download\` or import again`);
    });
  models
    .command('doctor')
    .description('onnxruntime, the execution providers built in, which load, and what --provider auto picks')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const { runDoctor } = await import('../../services/models/doctor.js');
      const report = await runDoctor();
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printDoctor(report);
    });
}
