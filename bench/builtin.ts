/**
 * builtin-classic on the interactive protocol (RITM/FocalClick clicks, NoC@85/90, mIoU@1/3/5) over the generated
 * evaluation set, in one run with two references on the same images: OpenCV grabCut seeded by the clicks
 * (opencv.js) and a Lab-colour flood (which shows the set is not easy). The built-in model runs in the real
 * engine process (EngineClient); the references run in-process.
 *
 * Quality rows: `median` holds the mean over images (what published tables report), `p95` the worst 5 % image
 * (IoU: 5th percentile; NoC: 95th percentile). Time rows are ordinary medians / p95s.
 * Env: BENCH_BUILTIN_IMAGES=n (first n images), BENCH_BUILTIN_MAX_CLICKS (default 20),
 * BENCH_BUILTIN_DIR (a folder with images/ and masks/; default test/data/evalset/out, generated if missing).
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient } from '../main/inference/engineClient.js';
import type { Predictor } from '../main/inference/predictor.js';
import { pairByStem, type EvalPair } from '../main/services/eval/dataset.js';
import { DEFAULT_EARLY_STOP, evaluatePairs, type EvalReport } from '../main/services/eval/evaluate.js';
import { DEFAULT_OUT, generateEvalSet } from '../test/data/evalset/generate.js';
import { ColourFloodPredictor } from './builtin/colourFloodPredictor.js';
import { GrabCutPredictor } from './builtin/grabCutPredictor.js';
import { against, summarize, type BenchResult } from './stats.js';

async function evalPairs(): Promise<EvalPair[]> {
  const dir = process.env.BENCH_BUILTIN_DIR ?? DEFAULT_OUT;
  if (!existsSync(join(dir, 'masks')) || readdirSync(join(dir, 'masks')).length === 0) {
    process.stderr.write(`bench: generating the evaluation set in ${dir}...\n`);
    await generateEvalSet({ outDir: dir, count: 40, seed: 1 });
  }
  const { pairs } = await pairByStem(join(dir, 'images'), join(dir, 'masks'));
  const limit = Number(process.env.BENCH_BUILTIN_IMAGES ?? pairs.length);
  return pairs.slice(0, limit);
}

/** Value at quantile q of the values (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function qualityRows(label: string, report: EvalReport): BenchResult[] {
  const n = report.samples.length;
  const rows: BenchResult[] = [];
  for (const k of ['1', '3', '5']) {
    const per = report.samples.map((s) => s.metrics.iouAt[k]);
    rows.push({ name: `${label}: mIoU@${k} (${n} images)`, unit: 'IoU', median: round(report.overall.iouAt[k], 4), p95: round(quantile(per, 0.05), 4), runs: n });
  }
  for (const t of ['85', '90']) {
    const per = report.samples.map((s) => s.metrics.noc[t]);
    rows.push({ name: `${label}: NoC@${t}, max ${report.maxClicks} clicks (${n} images)`, unit: 'clicks', median: round(report.overall.noc[t], 2), p95: quantile(per, 0.95), runs: n });
  }
  return rows;
}

function timeRows(label: string, report: EvalReport): BenchResult[] {
  const clicks = report.samples.flatMap((s) => s.decodeMs);
  const encodes = report.samples.map((s) => s.encodeMs);
  return [summarize(`${label}: ms per click (decode + upsample)`, clicks), summarize(`${label}: per-image precompute (encode)`, encodes)];
}

async function run(predictor: Predictor, pairs: EvalPair[], label: string): Promise<BenchResult[]> {
  const maxClicks = Number(process.env.BENCH_BUILTIN_MAX_CLICKS ?? 20);
  const t0 = performance.now();
  const report = await evaluatePairs(predictor, pairs, { maxClicks, earlyStop: DEFAULT_EARLY_STOP }, (p) =>
    process.stderr.write(`bench: ${label} ${p.done}/${p.total} ${p.name}\r`),
  );
  process.stderr.write(`bench: ${label} done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return [...qualityRows(label, report), ...timeRows(label, report)];
}

/**
 * Rows of `ours` paired by position with the baseline's rows, with the ratio ours / baseline; not the precompute
 * row (the last): grabCut has none, so a ratio there would mean nothing.
 */
function compared(ours: BenchResult[], baseline: BenchResult[]): BenchResult[] {
  return ours.map((r, i) => (i < ours.length - 1 ? against(r, baseline[i]) : r));
}

export async function benchBuiltin(): Promise<BenchResult[]> {
  const pairs = await evalPairs();
  const cacheDir = mkdtempSync(join(tmpdir(), 'samlabel-bench-builtin-'));
  const client = await EngineClient.start({ model: { kind: 'builtin', id: 'builtin-classic' }, cacheDir });
  let builtin: BenchResult[];
  try {
    builtin = await run(client, pairs, 'builtin-classic');
  } finally {
    client.close();
  }
  const grabCut = await run(new GrabCutPredictor(), pairs, 'grabCut 480px (opencv.js, seeded by clicks)');
  const flood = await run(new ColourFloodPredictor(), pairs, 'Lab-colour flood 480px');
  return [...compared(builtin, grabCut), ...grabCut, ...flood];
}
