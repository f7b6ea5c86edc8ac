/**
 * SamAutomaticMaskGenerator's points_per_batch inside the engine: many single-point prompts on the
 * current image in one request, each filtered where its logits are (AMG's _process_batch up to RLE),
 * so a batch answers with a few KB of RLE instead of 64 × 3 × 256² floats.
 */
import { z } from 'zod';
import { filterCandidates, type AmgCandidate } from '../../shared/masks/amg/candidates.js';
import type { Size } from '../../shared/sam/coords.js';
import { imagePoint } from '../../shared/sam/coords.js';
import type { EngineBackend } from './backend.js';
import { runPredict } from './predictStep.js';

export const pointBatchParamsSchema = z.object({
  /** (x, y) in pixels of the current image; each is its own prompt, labelled foreground. */
  points: z.array(z.tuple([z.number().finite(), z.number().finite()])).min(1),
  predIouThresh: z.number().finite(),
  stabilityScoreThresh: z.number().finite(),
  stabilityScoreOffset: z.number().finite(),
});
export type PointBatchRequest = z.infer<typeof pointBatchParamsSchema>;

export interface PointBatchResult {
  readonly candidates: AmgCandidate[];
  readonly decoderRuns: number;
  readonly timingsMs: { readonly decode: number; readonly filter: number };
}

export async function runPointBatch(backend: EngineBackend, prepared: unknown, origSize: Size, request: PointBatchRequest): Promise<PointBatchResult> {
  const candidates: AmgCandidate[] = [];
  let decode = 0;
  let filter = 0;
  for (const [i, [x, y]] of request.points.entries()) {
    const t0 = performance.now();
    const out = await runPredict(backend, prepared, origSize, { pointCoords: [imagePoint(x, y)], pointLabels: [1], multimaskOutput: true });
    const t1 = performance.now();
    candidates.push(...filterCandidates(out, i, origSize, request));
    decode += t1 - t0;
    filter += performance.now() - t1;
  }
  return { candidates, decoderRuns: request.points.length, timingsMs: { decode, filter } };
}
