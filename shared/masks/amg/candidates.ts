/**
 * SamAutomaticMaskGenerator._process_batch for one point prompt, from the decoder's low-res logits:
 * filter by predicted IoU, upsample to the crop and compute the stability score (one pass, no float
 * mask kept), filter by stability, threshold, box, RLE. Runs where the logits are (the engine), so
 * only the survivors' RLEs cross a process boundary.
 */
import { binarizeRegion, lowResCandidate } from '../../sam/postprocess.js';
import type { Size } from '../../sam/coords.js';
import { encodeRle } from '../rle.js';
import type { UncompressedRle } from '../types.js';
import type { BoxXyxy } from './cropBoxes.js';
import { maskToBoxXyxy } from './maskBox.js';

export interface CandidateFilter {
  readonly predIouThresh: number;
  readonly stabilityScoreThresh: number;
  readonly stabilityScoreOffset: number;
}

/** One mask that passed both filters, in the frame of the image the decoder saw (the crop). */
export interface AmgCandidate {
  /** Index of the point in its batch. */
  readonly pointIndex: number;
  readonly predictedIou: number;
  readonly stabilityScore: number;
  /** batched_mask_to_box: inclusive xyxy. */
  readonly boxXyxy: BoxXyxy;
  readonly rle: UncompressedRle;
}

export interface PointOutputs {
  readonly iouPredictions: ArrayLike<number>;
  /** candidates × lowResSize² logits. */
  readonly lowResLogits: Float32Array;
  readonly lowResSize: number;
}

export function filterCandidates(out: PointOutputs, pointIndex: number, imageSize: Size, f: CandidateFilter): AmgCandidate[] {
  const kept: AmgCandidate[] = [];
  for (let k = 0; k < out.iouPredictions.length; k++) {
    const predictedIou = out.iouPredictions[k];
    // Strict '>' and only when the threshold is positive, as SAM.
    if (f.predIouThresh > 0 && !(predictedIou > f.predIouThresh)) continue;
    const logits = lowResCandidate(out.lowResLogits, k, out.lowResSize);
    const { mask, stabilityScore } = binarizeRegion(logits, out.lowResSize, imageSize, undefined, { stabilityScoreOffset: f.stabilityScoreOffset });
    if (f.stabilityScoreThresh > 0 && !(stabilityScore >= f.stabilityScoreThresh)) continue;
    kept.push({ pointIndex, predictedIou, stabilityScore, boxXyxy: maskToBoxXyxy(mask), rle: encodeRle(mask) });
  }
  return kept;
}
