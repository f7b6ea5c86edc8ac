import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import type { Predictor } from '../../inference/predictor.js';
import type { Click } from './clicker.js';
import { loadGroundTruth, type EvalPair } from './dataset.js';
import { runSample, type ProtocolOptions } from './interactive.js';
import { overallMetrics, sampleMetrics, type OverallMetrics, type SampleMetrics } from './summary.js';

export interface SampleReport {
  readonly name: string;
  readonly metrics: SampleMetrics;
  readonly ious: number[];
  readonly clicks: Click[];
  /** Per-click decode times and the image's precompute time, ms, as the predictor reported them. */
  readonly decodeMs: number[];
  readonly encodeMs: number;
}

export interface EvalReport {
  readonly modelId: string;
  readonly maxClicks: number;
  readonly samples: SampleReport[];
  readonly overall: OverallMetrics;
}

export interface EvalProgress {
  readonly done: number;
  readonly total: number;
  readonly name: string;
}

/** Every reported number is fixed once IoU >= 90 % after 5 clicks (mIoU@1/3/5, NoC@85/90). */
export const DEFAULT_EARLY_STOP = { clicks: 5, iou: 0.9 } as const;

/** Runs the interactive protocol over image/mask pairs, one image at a time, with any Predictor. */
export async function evaluatePairs(
  predictor: Predictor,
  pairs: readonly EvalPair[],
  options: ProtocolOptions,
  onProgress?: (p: EvalProgress) => void,
): Promise<EvalReport> {
  const samples: SampleReport[] = [];
  for (const pair of pairs) {
    const gt = await loadGroundTruth(pair.maskPath);
    const run = await runSample(predictor, pair.imagePath, gt, options).catch((err: unknown) => {
      throw isSamlabelError(err, 'BadInput') ? new SamlabelError('BadInput', `${pair.maskPath}: ${err.message} (image ${pair.imagePath})`) : err;
    });
    const metrics = sampleMetrics(run, options.maxClicks);
    samples.push({ name: pair.name, metrics, ious: run.ious, clicks: run.clicks, decodeMs: run.decodeMs, encodeMs: run.encodeMs });
    onProgress?.({ done: samples.length, total: pairs.length, name: pair.name });
  }
  const overall = overallMetrics(
    samples.map((s) => s.metrics),
    options.maxClicks,
  );
  return { modelId: predictor.modelId, maxClicks: options.maxClicks, samples, overall };
}
