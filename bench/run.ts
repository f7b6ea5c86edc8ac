import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchEngine } from './engine.js';
import type { BenchResult } from './stats.js';

type Suite = () => Promise<BenchResult[]>;

/** Suites written by other modules; each file exports one async function returning BenchResult[]. */
const OPTIONAL: Array<[file: string, exportName: string]> = [
  ['builtin.ts', 'benchBuiltin'],
  ['projectStore.ts', 'benchProjectStore'],
  ['export.ts', 'benchExport'],
  ['amg.ts', 'benchAmg'],
  ['serveExport.ts', 'benchServeExport'],
  ['ipc.ts', 'benchIpc'],
  ['ui.ts', 'benchUi'],
  ['models.ts', 'benchModels'],
];

async function suites(only: string | undefined): Promise<Array<[string, Suite]>> {
  const list: Array<[string, Suite]> = [['engine', benchEngine]];
  for (const [file, name] of OPTIONAL) {
    const path = join(import.meta.dirname, file);
    if (!existsSync(path)) continue;
    const mod = (await import(pathToFileURL(path).href)) as Record<string, Suite>;
    list.push([file.replace('.ts', ''), mod[name]]);
  }
  return only ? list.filter(([n]) => only.split(',').includes(n)) : list;
}

function table(results: BenchResult[]): string {
  const rows = results.map((r) => `${r.name.padEnd(92)} ${String(r.median).padStart(10)} ${String(r.p95).padStart(10)} ${r.unit.padEnd(6)} ${r.ratio === undefined ? '' : `${r.ratio}x vs ${r.baseline}`}`);
  return [`${'benchmark'.padEnd(92)} ${'median'.padStart(10)} ${'p95'.padStart(10)} unit`, ...rows].join('\n');
}

const results: BenchResult[] = [];
for (const [name, suite] of await suites(process.env.BENCH_ONLY)) {
  process.stderr.write(`bench: ${name}...\n`);
  results.push(...(await suite()));
}
process.stdout.write(`${table(results)}\n`);
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results)}\n`);
