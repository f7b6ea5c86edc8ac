/**
 * SAM's stability score (segment_anything/utils/amg.py calculate_stability_score): the IoU of the
 * mask thresholded at threshold+offset and at threshold-offset. The first is a subset of the
 * second, so the IoU is a ratio of two pixel counts.
 */

/**
 * intersections / unions, with 0/0 -> 0. SAM divides the torch counts and gets NaN there; NaN then
 * fails AMG's `stability_score >= thresh` filter, and 0 fails it the same way while staying a
 * plain number that serialises to JSON (NaN does not).
 */
export function stabilityRatio(intersections: number, unions: number): number {
  return unions === 0 ? 0 : intersections / unions;
}

export function calculateStabilityScore(logits: ArrayLike<number>, threshold: number, offset: number): number {
  const hi = threshold + offset;
  const lo = threshold - offset;
  let intersections = 0;
  let unions = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    if (v > hi) intersections++;
    if (v > lo) unions++;
  }
  return stabilityRatio(intersections, unions);
}
