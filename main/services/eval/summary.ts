import type { SampleRun } from './interactive.js';
import { clicksToReach, iouAfter, mean } from './metrics.js';

/** Click counts at which mIoU is reported, and the NoC thresholds (the FocalClick / RITM tables). */
export const IOU_AT_CLICKS = [1, 3, 5] as const;
export const NOC_THRESHOLDS = [0.85, 0.9] as const;

export interface SampleMetrics {
  /** mIoU after 1, 3, 5 clicks (keys '1', '3', '5'). */
  readonly iouAt: Record<string, number>;
  /** Clicks to reach 85 % / 90 % IoU, maxClicks when never reached (keys '85', '90'). */
  readonly noc: Record<string, number>;
  readonly clicks: number;
  readonly msPerClick: number;
  readonly setImageMs: number;
}

export interface OverallMetrics extends SampleMetrics {
  readonly images: number;
  /** Images that never reached 90 % within maxClicks (NoF@90). */
  readonly failures90: number;
}

export function sampleMetrics(run: SampleRun, maxClicks: number): SampleMetrics {
  const iouAt: Record<string, number> = {};
  for (const k of IOU_AT_CLICKS) iouAt[String(k)] = iouAfter(run.ious, k);
  const noc: Record<string, number> = {};
  for (const t of NOC_THRESHOLDS) noc[String(Math.round(t * 100))] = clicksToReach(run.ious, t, maxClicks);
  return { iouAt, noc, clicks: run.ious.length, msPerClick: mean(run.decodeMs), setImageMs: run.setImageMs };
}

/** Means over images, as the published tables report them. */
export function overallMetrics(samples: readonly SampleMetrics[], maxClicks: number): OverallMetrics {
  const avg = (pick: (s: SampleMetrics) => number) => mean(samples.map(pick));
  const iouAt: Record<string, number> = {};
  for (const k of IOU_AT_CLICKS) iouAt[String(k)] = avg((s) => s.iouAt[String(k)]);
  const noc: Record<string, number> = {};
  for (const t of NOC_THRESHOLDS) noc[String(Math.round(t * 100))] = avg((s) => s.noc[String(Math.round(t * 100))]);
  const allClicks = samples.reduce((a, s) => a + s.clicks, 0);
  const msPerClick = samples.reduce((a, s) => a + s.msPerClick * s.clicks, 0) / Math.max(1, allClicks);
  return {
    images: samples.length,
    iouAt,
    noc,
    clicks: allClicks,
    msPerClick,
    setImageMs: avg((s) => s.setImageMs),
    failures90: samples.filter((s) => s.noc['90'] >= maxClicks).length,
  };
}
