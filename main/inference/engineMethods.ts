import { z } from 'zod';
import type { DiskCacheInfo } from './cache/diskCache.js';
import type { EngineCounters, ImageSource } from './engineCore.js';
import type { EngineRequest } from './engineProtocol.js';
import type { PointBatchRequest, PointBatchResult } from './pointBatch.js';
import type { PredictRequest, PredictResult, SetImageResult } from './predictor.js';

export type CacheInfo = DiskCacheInfo & { ramEntries: number; ramBytes: number };

/** Every engine method, what it takes and what it answers: the one table both sides are typed from. */
export interface EngineMethods {
  setImage: { params: ImageSource; result: SetImageResult };
  predict: { params: PredictRequest; result: PredictResult };
  predictPointBatch: { params: PointBatchRequest; result: PointBatchResult };
  stats: { params: undefined; result: EngineCounters };
  cacheInfo: { params: undefined; result: CacheInfo };
  cacheClear: { params: undefined; result: void };
  useCacheDir: { params: { cacheDir: string }; result: void };
}
export type EngineMethod = keyof EngineMethods;
export type Params<M extends EngineMethod> = EngineMethods[M]['params'];
export type Result<M extends EngineMethod> = EngineMethods[M]['result'];

// The table and the request schema name the same methods; a method added to one only fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameMethods: Same<EngineMethod, EngineRequest['method']> = true;
void sameMethods;

const num = z.number();
// A random-weight or degenerate decoder can score NaN (an empty mask's stability); that is data, not garbage.
const score = z.union([z.number(), z.nan()]);
const rect = z.object({ x0: z.number().int(), y0: z.number().int(), x1: z.number().int(), y1: z.number().int() });
const binaryMask = z.object({ height: z.number().int().nonnegative(), width: z.number().int().nonnegative(), data: z.instanceof(Uint8Array) });
const counters = z.object({ encoderRuns: z.number().int(), decoderRuns: z.number().int(), ramHits: z.number().int(), diskHits: z.number().int() });

const candidate = z.object({
  pointIndex: z.number().int().nonnegative(),
  predictedIou: score,
  stabilityScore: score,
  boxXyxy: z.tuple([num, num, num, num]),
  rle: z.object({ size: z.tuple([z.number().int(), z.number().int()]), counts: z.array(z.number().int()) }),
});

/** What each answer must look like; the client checks every result before a caller sees it. */
export const resultSchemas: { readonly [M in EngineMethod]: z.ZodType<Result<M>> } = {
  setImage: z.object({
    sha256: z.string().min(1),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    cache: z.enum(['hit', 'miss']),
    timingsMs: z.object({ encode: num, total: num }),
  }),
  predict: z.object({
    indices: z.array(z.number().int()),
    iouPredictions: z.array(score),
    lowResLogits: z.instanceof(Float32Array),
    lowResSize: z.number().int().positive(),
    masks: z.object({ region: rect, masks: z.array(binaryMask), stabilityScores: z.array(score), areas: z.array(num) }).optional(),
    timingsMs: z.object({ decode: num }),
  }),
  predictPointBatch: z.object({ candidates: z.array(candidate), decoderRuns: z.number().int(), timingsMs: z.object({ decode: num, filter: num }) }),
  stats: counters,
  cacheInfo: z.object({
    dir: z.string(),
    entries: z.number().int(),
    bytes: z.number(),
    capBytes: z.number(),
    ramEntries: z.number().int(),
    ramBytes: z.number(),
  }),
  cacheClear: z.undefined(),
  useCacheDir: z.undefined(),
};
