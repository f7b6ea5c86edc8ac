/**
 * The decoder's answer as the editor shows it: one Candidate per mask (SAM's ambiguous trio), each
 * with its predicted IoU, a stability score, its low-res mask for the previews and the id that feeds
 * its logits back as mask_input. Only the shown candidate arrives with the logits that draw it
 * exactly; another one's are fetched when the person picks it (shared/sam/lowResCells.ts says why).
 */
import { expandWindow, unpackCellMask, type CellGrid, type WindowedLogits } from '../../shared/sam/lowResCells.js';

/** The fields of an engine:predict response the editor uses. */
export interface PredictAnswer {
  readonly iouPredictions: readonly number[];
  /** Main's stability scores (low-res, padding excluded). */
  readonly stabilityScores: readonly number[];
  readonly maskInputIds: readonly string[];
  readonly lowResSize: number;
  readonly grid: CellGrid;
  /** Packed sign bits per candidate over the grid. */
  readonly cellMasks: Uint8Array;
  /** The candidate to show (main honours the request's `prefer`). */
  readonly shown: number;
  readonly shownLogits: WindowedLogits;
  /** Main's timings of this predict (decoder run, whole handling), when the transport carries them. */
  readonly timingsMs?: { readonly decode: number; readonly total: number };
}

export interface Candidate {
  /** SAM's predicted IoU. */
  readonly score: number;
  /** calculate_stability_score on the low-res logits: a preview number; accept stores the full-size one. */
  readonly stability: number;
  readonly maskInputId: string;
  readonly lowResSize: number;
  /** The low-res cells the image reads. */
  readonly grid: CellGrid;
  /** One byte per grid cell, 1 inside: the preview, and what is drawn until `logits` arrive. */
  readonly cells: Uint8Array;
  /** lowResSize² logits that give SAM's postprocess this candidate's exact mask; null until fetched. */
  readonly logits: Float32Array | null;
}

export function toCandidates(answer: PredictAnswer): Candidate[] {
  return answer.iouPredictions.map((score, i) => ({
    score,
    stability: answer.stabilityScores[i],
    maskInputId: answer.maskInputIds[i],
    lowResSize: answer.lowResSize,
    grid: answer.grid,
    cells: unpackCellMask(answer.cellMasks, answer.grid, i),
    logits: i === answer.shown ? expandWindow(answer.shownLogits, answer.lowResSize) : null,
  }));
}

/** The candidate with its deciding logits, once engine:candidateLogits answered. */
export function withLogits(candidate: Candidate, windowed: WindowedLogits): Candidate {
  return { ...candidate, logits: expandWindow(windowed, candidate.lowResSize) };
}

/** A valid index of the answer's candidates: main's `shown`, clamped. */
export function shownIndex(answer: PredictAnswer, candidates: readonly Candidate[]): number {
  return answer.shown >= 0 && answer.shown < candidates.length ? answer.shown : 0;
}

export function cycleChoice(chosen: number, count: number): number {
  return count === 0 ? 0 : (chosen + 1) % count;
}
