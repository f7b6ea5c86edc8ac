import type { Command } from 'commander';
import { displayText } from '../../../shared/text/displayText.js';
import { loadCatalog } from '../../services/models/catalog.js';
import { formatBytes, listModels, type ModelRow } from '../../services/models/listModels.js';
import { bundledModelsDirs, modelsDir } from '../../services/models/modelsDir.js';
import { listInstalled, removeInstalled } from '../../services/models/registry.js';

/** `samlabel models …`: the catalog, the models directory, downloads, imports and the runtime doctor. */

function printTable(rows: readonly ModelRow[]): void {
  const lines = rows.map((r) => [
    r.id,
    r.status === 'installed' ? `installed (${r.source})` : 'available',
    formatBytes(r.bytes),
    r.verified,
    r.contract,
    `${r.nonCommercial ? 'NON-COMMERCIAL ' : ''}${r.license.split(/[;(]/)[0].trim()}`,
  ]);
  const header = ['ID', 'STATUS', 'SIZE', 'VERIFIED', 'FAMILY', 'LICENCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [header, ...lines]) process.stdout.write(`${l.map((c, i) => (i < l.length - 1 ? c.padEnd(widths[i]) : c)).join('  ')}\n`);
}

export function register(program: Command): void {
  const models = program.command('models').description('SAM models: catalog, downloads, imports, providers');
  models
    .command('list')
    .description('catalog and installed models (size, licence, whether the files are verified)')
    .option('--json', 'print JSON')
    .option('--installed', 'only installed models')
    .action((flags: { json?: boolean; installed?: boolean }) => {
      const rows = listModels(loadCatalog(), listInstalled([modelsDir(), ...bundledModelsDirs()])).filter((r) => !flags.installed || r.status === 'installed');
      if (flags.json) process.stdout.write(`${JSON.stringify({ modelsDir: modelsDir(), models: rows }, null, 2)}\n`);
      else printTable(rows);
    });
  models
    .command('remove <id>')
    .description('delete an installed model from the models directory')
    .action((id: string) => {
      const removed = removeInstalled(modelsDir(), id);
      process.stdout.write(`removed ${id} (${displayText(removed.dir)})\n`);
    });
}
