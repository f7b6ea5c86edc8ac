/**
 * The candidates of recent predicts, kept in main by id: the renderer sends an id back (maskInputId) to
 * refine with that candidate's low-res logits or to accept it, and never has to send logits back.
 */
import { randomUUID } from 'node:crypto';
import { SamlabelError } from '../../../shared/errors.js';
import { calculateStabilityScore } from '../../../shared/masks/stability.js';
import { IMG_SIZE, MASK_THRESHOLD, STABILITY_SCORE_OFFSET } from '../../../shared/sam/constants.js';
import type { Size } from '../../../shared/sam/coords.js';
import { getPreprocessShape } from '../../../shared/sam/resizeLongestSide.js';

export interface Candidate {
  readonly imageId: number;
  /** lowResSize² logits of this candidate alone. */
  readonly logits: Float32Array;
  readonly lowResSize: number;
  readonly iouPrediction: number;
}

/** Enough for the candidates of the last several clicks on one image. */
const KEPT = 48;

export class CandidateStore {
  private readonly byId = new Map<string, Candidate>();

  /** Stores each candidate of one predict; returns their ids in order. */
  add(imageId: number, lowResLogits: Float32Array, lowResSize: number, iouPredictions: readonly number[]): string[] {
    const plane = lowResSize * lowResSize;
    return iouPredictions.map((iouPrediction, i) => {
      const id = randomUUID();
      // Views, not copies: the answer's buffer is main's own (structured-cloned from the engine) and nothing writes to it.
      this.byId.set(id, { imageId, logits: lowResLogits.subarray(i * plane, (i + 1) * plane), lowResSize, iouPrediction });
      return id;
    });
  }

  /** Insertion order is age: drop the oldest beyond KEPT. */
  trim(): void {
    for (const id of this.byId.keys()) {
      if (this.byId.size <= KEPT) break;
      this.byId.delete(id);
    }
  }

  /** The candidate `id` of image `imageId`; BadInput when it is unknown, expired or another image's. */
  get(id: string, imageId: number): Candidate {
    const candidate = this.byId.get(id);
    if (!candidate || candidate.imageId !== imageId) {
      throw new SamlabelError('BadInput', `candidate ${id} is not one of image ${imageId}'s recent predictions; predict again`);
    }
    return candidate;
  }

  clear(): void {
    this.byId.clear();
  }
}

/**
 * Stability score of each candidate from its LOW-RES logits, over the part of the low-res frame that
 * covers the image: the padding of the 1024 frame is outside the image and would count as a stable
 * background. A preview number (the accepted mask's score is computed at full resolution).
 */
export function lowResStability(lowResLogits: Float32Array, lowResSize: number, count: number, origSize: Size): number[] {
  const crop = getPreprocessShape(origSize, IMG_SIZE);
  const rows = Math.min(lowResSize, Math.ceil((crop.height * lowResSize) / IMG_SIZE));
  const cols = Math.min(lowResSize, Math.ceil((crop.width * lowResSize) / IMG_SIZE));
  const plane = lowResSize * lowResSize;
  const region = new Float32Array(rows * cols);
  const scores: number[] = [];
  for (let c = 0; c < count; c++) {
    for (let y = 0; y < rows; y++) {
      const from = c * plane + y * lowResSize;
      region.set(lowResLogits.subarray(from, from + cols), y * cols);
    }
    scores.push(calculateStabilityScore(region, MASK_THRESHOLD, STABILITY_SCORE_OFFSET));
  }
  return scores;
}

/** `prefer` when it names one of the candidates, else SamPredictor users' argmax of predicted IoU. */
export function shownCandidate(iouPredictions: readonly number[], prefer: number | undefined): number {
  if (prefer !== undefined && prefer < iouPredictions.length) return prefer;
  let best = 0;
  iouPredictions.forEach((score, i) => {
    if (score > iouPredictions[best]) best = i;
  });
  return best;
}
