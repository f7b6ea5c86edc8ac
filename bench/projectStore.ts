/**
 * Project store benchmarks: scanning a 100k-image folder (time, peak RSS, worst event-loop lag)
 * and the rate annotations are recorded (journaled, synchronous=FULL).
 * The scan runs in a child process (this file with --scan-child) so its RSS is its own, not the
 * bench runner's. BENCH_SCAN_FILES overrides the file count (default 100000).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { findImageByPath } from '../main/db/images.js';
import type { ImageRecord } from '../main/db/records.js';
import { addAnnotations } from '../main/services/annotations/annotations.js';
import { addLabel } from '../main/services/labels/labels.js';
import { Project } from '../main/services/projects/project.js';
import { scanProject } from '../main/services/projects/scan.js';
import { summarize, type BenchResult } from './stats.js';

/** A valid 1×1 grey PNG: every generated file is this template under another name. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');
const FILES_PER_DIR = 1000;

async function generateFolder(root: string, count: number): Promise<void> {
  for (let d = 0; d * FILES_PER_DIR < count; d++) {
    const dir = join(root, `d${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    const n = Math.min(FILES_PER_DIR, count - d * FILES_PER_DIR);
    await Promise.all(Array.from({ length: n }, (_, i) => writeFile(join(dir, `img${String(i).padStart(4, '0')}.png`), TINY_PNG)));
  }
}

/**
 * Flushes the generated files' dirty pages first (POSIX `sync`), so the scan is not timed while the
 * kernel writes back 100k files it was just handed; skipped where there is no `sync`.
 */
function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // Windows: nothing to do.
  }
}

interface ScanSample {
  readonly firstMs: number;
  readonly rescanMs: number;
  readonly peakRssMb: number;
  readonly maxLagMs: number;
  readonly images: number;
}

/** Child side: one first scan and one incremental rescan of `folder`, measured. */
async function scanChild(folder: string): Promise<ScanSample> {
  const project = Project.init(folder);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  lag.enable();
  let t0 = performance.now();
  const first = await scanProject(project);
  const firstMs = performance.now() - t0;
  t0 = performance.now();
  await scanProject(project);
  const rescanMs = performance.now() - t0;
  lag.disable();
  clearInterval(sampler);
  project.close();
  const peakRssMb = Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
  return { firstMs, rescanMs, peakRssMb, maxLagMs: lag.max / 1e6, images: first.added };
}

function runScanChild(folder: string): Promise<ScanSample> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--scan-child', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ScanSample) : reject(new Error(`scan child exited ${code}`)))),
  );
}

async function benchScan(root: string): Promise<BenchResult[]> {
  const count = Number(process.env.BENCH_SCAN_FILES ?? 100_000);
  const folder = join(root, 'images');
  await generateFolder(folder, count);
  settleDisk();
  const runs: ScanSample[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync(join(folder, '.samlabel'), { recursive: true, force: true });
    runs.push(await runScanChild(folder));
    if (runs[i].images !== count) throw new Error(`scan found ${runs[i].images} of ${count} images`);
  }
  const k = `${Math.round(count / 1000)}k`;
  return [
    summarize(`projectStore: first scan of ${k} tiny PNGs`, runs.map((r) => r.firstMs / 1000), 's'),
    summarize(`projectStore: rescan of ${k} unchanged files`, runs.map((r) => r.rescanMs / 1000), 's'),
    summarize(`projectStore: peak RSS of the scanning process (${k})`, runs.map((r) => r.peakRssMb), 'MB'),
    summarize(`projectStore: max event-loop lag during scans (${k})`, runs.map((r) => r.maxLagMs), 'ms'),
  ];
}

/** Annotations per second, one journaled change per annotation (a click) and bulk (AMG accept). */
async function benchInsert(root: string): Promise<BenchResult[]> {
  const folder = join(root, 'insert');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'a.png'), TINY_PNG);
  const project = Project.init(folder);
  try {
    await scanProject(project);
    const image = findImageByPath(project.db, 'a.png') as ImageRecord;
    const label = addLabel(project, { name: 'bench' });
    const input = { labelId: label.id, rle: { size: [1, 1] as [number, number], counts: [0, 1] }, source: 'click' as const, score: 0.9 };
    const single: number[] = [];
    const bulk: number[] = [];
    for (let run = 0; run < 5; run++) {
      let t0 = performance.now();
      for (let i = 0; i < 200; i++) addAnnotations(project, image.id, [input]);
      single.push(200 / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      addAnnotations(project, image.id, Array.from({ length: 5000 }, () => input));
      bulk.push(5000 / ((performance.now() - t0) / 1000));
    }
    return [
      summarize('projectStore: annotation inserts, one journaled transaction each', single, 'ann/s'),
      summarize('projectStore: annotation inserts, 5000 per journaled transaction', bulk, 'ann/s'),
    ];
  } finally {
    project.close();
  }
}

export async function benchProjectStore(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'samlabel-bench-store-'));
  const configBefore = process.env.SAMLABEL_CONFIG_DIR;
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  try {
    return [...(await benchInsert(root)), ...(await benchScan(root))];
  } finally {
    if (configBefore === undefined) delete process.env.SAMLABEL_CONFIG_DIR;
    else process.env.SAMLABEL_CONFIG_DIR = configBefore;
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--scan-child') {
  process.stdout.write(JSON.stringify(await scanChild(process.argv[3])));
}
