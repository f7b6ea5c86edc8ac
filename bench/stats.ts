export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p95: number;
  runs: number;
  baseline?: string;
  ratio?: number;
}

export function summarize(name: string, samples: number[], unit = 'ms'): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v: number): number => Math.round(v * 100) / 100;
  return { name, unit, median: round(at(0.5)), p95: round(at(0.95)), runs: samples.length };
}

export async function timeRuns(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Runs the contenders in turn, round after round, so a noisy neighbour slows all of them alike. */
export async function timeInterleaved(runs: number, warmup: number, fns: Array<() => Promise<unknown>>): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      samples[k].push(performance.now() - t0);
    }
  }
  return samples;
}

/** Ratio of a result's median to a baseline measured in the same run. */
export function against(result: BenchResult, baseline: BenchResult): BenchResult {
  return { ...result, baseline: baseline.name, ratio: Number((result.median / baseline.median).toPrecision(3)) };
}
