import type { Size } from '../../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { BackendInfo, DecodeOutput, EngineBackend, RgbImage } from '../backend.js';
import { regionsToLogits } from './logits.js';
import { MinHeap } from './minHeap.js';
import { DEFAULT_PREPARE, prepareImage, type PreparedImage, type PrepareParams } from './prepare.js';
import { regionPrompts } from './prompts.js';
import { candidateFeatures, type CandidateFeatures } from './score.js';
import { locationPrior, makeContext, segmentRegions, type SegmentParams } from './segment.js';
import { deserializePrepared, serializePrepared } from './serialize.js';

export const BUILTIN_CLASSIC_ID = 'builtin-classic';
export const BUILTIN_LOW_RES_SIZE = 256;

export const DEFAULT_PARAMS: SegmentParams = {
  lambda: 10,
  geoGain: 0.2,
  colourWeight: 1,
  priorWeight: 4,
  reach: 0.1,
  iterations: 3,
  starConvex: true,
  alpha: 2,
  llrClamp: 10,
  confidence: 1,
};

/** Extent of the three candidates (tight, medium, loose) as multiples of `reach`. */
export const CANDIDATE_REACH = [0.5, 1, 2] as const;

/** For experiments: every candidate's labelling and features, not only the logits. */
export interface DecodeTrace {
  readonly masks: Uint8Array[];
  readonly features: CandidateFeatures[];
}

/** The non-learned default model: encode = superpixel precompute, decode = graph cuts over superpixels. */
export function createBuiltinClassicBackend(
  params: SegmentParams = DEFAULT_PARAMS,
  prepareParams: PrepareParams = DEFAULT_PREPARE,
  trace?: (t: DecodeTrace) => void,
): EngineBackend<PreparedImage> {
  const info: BackendInfo = { modelId: BUILTIN_CLASSIC_ID, lowResSize: BUILTIN_LOW_RES_SIZE, provider: 'cpu' };
  const heap = new MinHeap(4096);
  return {
    info,
    async encode(image: RgbImage, origSize: Size): Promise<PreparedImage> {
      void origSize;
      return prepareImage(image.data, image.width, image.height, prepareParams);
    },
    async decode(prep: PreparedImage, feeds: DecoderFeeds, multimaskOutput: boolean): Promise<DecodeOutput> {
      return decode(prep, feeds, multimaskOutput, params, heap, info.lowResSize, trace);
    },
    serialize: serializePrepared,
    deserialize: deserializePrepared,
    byteSize: (prep) => serializePrepared(prep).byteLength,
    async dispose() {},
  };
}

function decode(prep: PreparedImage, feeds: DecoderFeeds, multimask: boolean, params: SegmentParams, heap: MinHeap, s: number, trace?: (t: DecodeTrace) => void): DecodeOutput {
  const prompts = regionPrompts(prep, feeds, s);
  const ctx = makeContext(prep, prompts, params, heap);
  const masks = CANDIDATE_REACH.map((k) => segmentRegions(ctx, params, locationPrior(ctx, k * params.reach)));
  const features = masks.map((m) => candidateFeatures(prep, m));
  trace?.({ masks, features });
  const scores = features.map((f) => 1 - f.boundaryFlatness);
  const picked = multimask ? [0, 1, 2] : [scores.indexOf(Math.max(...scores))];
  const lowResLogits = new Float32Array(picked.length * s * s);
  picked.forEach((c, i) => regionsToLogits(prep, masks[c], s, lowResLogits, i * s * s));
  return { indices: multimask ? [1, 2, 3] : [0], iouPredictions: Float32Array.from(picked, (c) => scores[c]), lowResLogits };
}
