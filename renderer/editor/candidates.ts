/**
 * The decoder's answer as the editor shows it: one Candidate per mask (SAM's ambiguous trio), each
 * with its predicted IoU, a stability score and the id that feeds its logits back as mask_input.
 */
import { MASK_THRESHOLD, STABILITY_SCORE_OFFSET } from '../../shared/sam/constants.js';
import { calculateStabilityScore } from '../../shared/masks/stability.js';

/** The fields of an engine:predict response the editor uses. */
export interface PredictAnswer {
  readonly iouPredictions: readonly number[];
  readonly lowResLogits: Float32Array;
  readonly lowResSize: number;
  readonly maskInputIds: readonly string[];
  /** Main's stability scores (low-res, padding excluded); computed here when a backend omits them. */
  readonly stabilityScores?: readonly number[];
  /** Main's timings of this predict (decoder run, whole handling), when the transport carries them. */
  readonly timingsMs?: { readonly decode: number; readonly total: number };
}

export interface Candidate {
  /** SAM's predicted IoU. */
  readonly score: number;
  /** calculate_stability_score on the low-res logits: a preview number; accept stores the full-size one. */
  readonly stability: number;
  /** lowResSize² logits (> 0 is inside), covering the padded 1024 model frame. */
  readonly logits: Float32Array;
  readonly lowResSize: number;
  readonly maskInputId: string;
}

export function toCandidates(answer: PredictAnswer): Candidate[] {
  const side = answer.lowResSize;
  const plane = side * side;
  return answer.iouPredictions.map((score, i) => {
    const logits = answer.lowResLogits.subarray(i * plane, (i + 1) * plane);
    return {
      score,
      stability: answer.stabilityScores?.[i] ?? calculateStabilityScore(logits, MASK_THRESHOLD, STABILITY_SCORE_OFFSET),
      logits,
      lowResSize: side,
      maskInputId: answer.maskInputIds[i],
    };
  });
}

/** The index shown first: the highest predicted IoU (SamPredictor's users take argmax). */
export function bestCandidate(candidates: readonly Candidate[]): number {
  let best = 0;
  candidates.forEach((c, i) => {
    if (c.score > candidates[best].score) best = i;
  });
  return best;
}

/** Keeps a chosen index valid for a new candidate list; refinement keeps the person's choice. */
export function keepChoice(chosen: number | null, candidates: readonly Candidate[]): number {
  if (chosen !== null && chosen >= 0 && chosen < candidates.length) return chosen;
  return bestCandidate(candidates);
}

export function cycleChoice(chosen: number, count: number): number {
  return count === 0 ? 0 : (chosen + 1) % count;
}
