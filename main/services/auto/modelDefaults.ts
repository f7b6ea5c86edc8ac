/**
 * SAM's AMG defaults are "chosen for SAM with a ViT-H backbone": its predicted IoU is calibrated so
 * 0.88 keeps good masks. The built-in classic segmenter's score (1 - boundary flatness) is not an IoU
 * and rarely reaches 0.88, so with SAM's thresholds it would return nothing. Its own defaults were
 * read off the score distribution on the sample photos (about the top sixth of candidates); a flag
 * given by the user always wins.
 */
import type { AmgParams } from '../../../shared/masks/amg/params.js';
import { BUILTIN_MODEL_ID } from '../../inference/modelSpec.js';

const BY_MODEL: Record<string, Partial<AmgParams>> = {
  [BUILTIN_MODEL_ID]: { predIouThresh: 0.6, stabilityScoreThresh: 0.9 },
};

export function modelAmgDefaults(modelId: string): Partial<AmgParams> {
  return BY_MODEL[modelId] ?? {};
}
