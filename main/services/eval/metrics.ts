import type { GroundTruth } from './groundTruth.js';

/** IoU of a binary prediction with the object, ignore pixels left out of both counts (RITM `get_iou`). */
export function iouWithIgnore(gt: GroundTruth, prediction: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < prediction.length; i++) {
    if (gt.ignore[i]) continue;
    const p = prediction[i] !== 0;
    const g = gt.object[i] !== 0;
    if (p && g) inter++;
    if (p || g) union++;
  }
  return union === 0 ? 1 : inter / union;
}

/**
 * Number of clicks to reach `threshold` IoU (1-based); `maxClicks` when never reached (RITM `_get_noc`).
 * `ious[k]` is the IoU after k + 1 clicks.
 */
export function clicksToReach(ious: readonly number[], threshold: number, maxClicks: number): number {
  const k = ious.findIndex((v) => v >= threshold);
  return k < 0 ? maxClicks : k + 1;
}

/** IoU after `clicks` clicks; a run that stopped early (no error left, or target reached) keeps its last IoU. */
export function iouAfter(ious: readonly number[], clicks: number): number {
  if (ious.length === 0) return 0;
  return ious[Math.min(clicks, ious.length) - 1];
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
