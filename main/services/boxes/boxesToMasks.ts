/**
 * The two-stage pipeline's second stage: each detector box as a SAM box prompt on the image's cached
 * embedding. --single is SamPredictor's multimask_output=False (SAM's advice for a box); --best-of-3
 * asks for the ambiguous trio and keeps the candidate with the highest predicted IoU.
 */
import { encodeRle } from '../../../shared/masks/rle.js';
import type { UncompressedRle } from '../../../shared/masks/types.js';
import { imageBox } from '../../../shared/sam/coords.js';
import type { EngineClient } from '../../inference/engineClient.js';
import type { Detection } from './detections.js';

export type BoxMode = 'single' | 'best-of-3';

export interface BoxMask {
  readonly label: string;
  readonly detectionScore: number | null;
  /** [x0, y0, x1, y1] in image pixels, clipped to the image. */
  readonly box: [number, number, number, number];
  readonly rle: UncompressedRle;
  readonly area: number;
  readonly predictedIou: number;
  readonly stabilityScore: number;
}

export interface ImageBoxMasks {
  readonly width: number;
  readonly height: number;
  readonly masks: BoxMask[];
}

type Engine = Pick<EngineClient, 'setImage' | 'predict'>;

function clip(box: [number, number, number, number], w: number, h: number): [number, number, number, number] {
  const c = (v: number, max: number): number => Math.min(max, Math.max(0, v));
  return [c(box[0], w), c(box[1], h), c(box[2], w), c(box[3], h)];
}

export async function boxesToMasks(engine: Engine, imagePath: string, detections: readonly Detection[], mode: BoxMode, signal?: AbortSignal): Promise<ImageBoxMasks> {
  const set = await engine.setImage(imagePath, { signal });
  const masks: BoxMask[] = [];
  for (const d of detections) {
    const box = clip(d.box(set.width, set.height), set.width, set.height);
    if (box[2] <= box[0] || box[3] <= box[1]) continue; // nothing of it inside the image
    const result = await engine.predict({ box: imageBox(...box), multimaskOutput: mode === 'best-of-3', upsample: {} }, { signal });
    const up = result.masks;
    if (!up) throw new Error('engine returned no upsampled masks');
    const scores = result.iouPredictions;
    const k = scores.indexOf(Math.max(...scores));
    masks.push({ label: d.label, detectionScore: d.score, box, rle: encodeRle(up.masks[k]), area: up.areas[k], predictedIou: scores[k], stabilityScore: up.stabilityScores[k] });
  }
  return { width: set.width, height: set.height, masks };
}
