import type { Size } from '../../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { BackendInfo, DecodeOutput, EngineBackend, RgbImage } from '../backend.js';
import { regionsToLogits } from './logits.js';
import { MinHeap } from './minHeap.js';
import { prepareImage, type PreparedImage } from './prepare.js';
import { regionPrompts } from './prompts.js';
import { locationPrior, makeContext, segmentRegions, type SegmentParams } from './segment.js';
import { deserializePrepared, serializePrepared } from './serialize.js';

export const BUILTIN_CLASSIC_ID = 'builtin-classic';
export const BUILTIN_LOW_RES_SIZE = 256;

export const DEFAULT_PARAMS: SegmentParams = {
  lambda: 2,
  geoGain: 0.05,
  colourWeight: 1,
  priorWeight: 2,
  reach: 0.2,
  iterations: 3,
  starConvex: true,
  alpha: 2,
};

/** The non-learned default model: encode = superpixel precompute, decode = graph cuts over superpixels. */
export function createBuiltinClassicBackend(params: SegmentParams = DEFAULT_PARAMS): EngineBackend<PreparedImage> {
  const info: BackendInfo = { modelId: BUILTIN_CLASSIC_ID, lowResSize: BUILTIN_LOW_RES_SIZE, provider: 'cpu' };
  const heap = new MinHeap(4096);
  return {
    info,
    async encode(image: RgbImage, origSize: Size): Promise<PreparedImage> {
      void origSize;
      return prepareImage(image.data, image.width, image.height);
    },
    async decode(prep: PreparedImage, feeds: DecoderFeeds, multimaskOutput: boolean): Promise<DecodeOutput> {
      return decode(prep, feeds, multimaskOutput, params, heap, info.lowResSize);
    },
    serialize: serializePrepared,
    deserialize: deserializePrepared,
    byteSize: (prep) => serializePrepared(prep).byteLength,
    async dispose() {},
  };
}

function decode(prep: PreparedImage, feeds: DecoderFeeds, multimask: boolean, params: SegmentParams, heap: MinHeap, s: number): DecodeOutput {
  const prompts = regionPrompts(prep, feeds, s);
  const ctx = makeContext(prep, prompts, params, heap);
  const prior = locationPrior(ctx, params.reach);
  const mask = segmentRegions(ctx, params, prior);
  const count = multimask ? 3 : 1;
  const lowResLogits = new Float32Array(count * s * s);
  for (let i = 0; i < count; i++) regionsToLogits(prep, mask, s, lowResLogits, i * s * s);
  return { indices: multimask ? [1, 2, 3] : [0], iouPredictions: new Float32Array(count).fill(0.5), lowResLogits };
}
