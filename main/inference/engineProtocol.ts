import { z } from 'zod';
import type { SerializedError } from '../../shared/errors.js';
import type { BackendInfo } from './backend.js';
import { pointBatchParamsSchema } from './pointBatch.js';
import { PROVIDERS } from './providers.js';

/**
 * Messages between the engine client (main process / CLI) and the engine process. Both sides treat what
 * arrives as `unknown` and parse it: a child that sends garbage must not corrupt the caller's state.
 */
const point = z.object({ x: z.number().finite(), y: z.number().finite() });
const rect = z.object({ x0: z.number().int(), y0: z.number().int(), x1: z.number().int(), y1: z.number().int() });

export const modelSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), id: z.literal('builtin-classic') }),
  z.object({ kind: z.literal('onnx'), encoderPath: z.string().min(1), decoderPath: z.string().min(1), family: z.string().min(1).optional(), id: z.string().min(1).optional() }),
]);

export const initSchema = z.object({
  type: z.literal('init'),
  model: modelSpecSchema,
  runtime: z.object({ provider: z.enum(PROVIDERS), threads: z.number().int().min(0) }),
  cacheDir: z.string().min(1),
  diskCapBytes: z.number().positive(),
  ramCapBytes: z.number().nonnegative(),
  maxPixels: z.number().int().positive().optional(),
});
export type EngineInit = z.infer<typeof initSchema>;

export const predictParamsSchema = z.object({
  pointCoords: z.array(point).optional(),
  pointLabels: z.array(z.union([z.literal(0), z.literal(1)])).optional(),
  box: z.object({ x0: z.number().finite(), y0: z.number().finite(), x1: z.number().finite(), y1: z.number().finite() }).optional(),
  maskInput: z.instanceof(Float32Array).optional(),
  multimaskOutput: z.boolean().optional(),
  upsample: z.object({ region: rect.optional() }).optional(),
});

export const requestSchema = z.discriminatedUnion('method', [
  z.object({ id: z.number().int(), method: z.literal('setImage'), params: z.union([z.object({ path: z.string().min(1) }), z.object({ bytes: z.instanceof(Uint8Array) })]) }),
  z.object({ id: z.number().int(), method: z.literal('predict'), params: predictParamsSchema }),
  z.object({ id: z.number().int(), method: z.literal('predictPointBatch'), params: pointBatchParamsSchema }),
  z.object({ id: z.number().int(), method: z.literal('stats') }),
  z.object({ id: z.number().int(), method: z.literal('cacheInfo') }),
  z.object({ id: z.number().int(), method: z.literal('cacheClear') }),
  z.object({ id: z.number().int(), method: z.literal('useCacheDir'), params: z.object({ cacheDir: z.string().min(1) }) }),
]);
export type EngineRequest = z.infer<typeof requestSchema>;
export type { EngineMethod } from './engineMethods.js';

export type EngineEvent =
  | { readonly type: 'ready'; readonly info: BackendInfo; readonly warnings: string[] }
  | { readonly type: 'fatal'; readonly error: WireError }
  /** The engine took request `id` off its queue and is running it: the moment a cancel can only kill. */
  | { readonly type: 'started'; readonly id: number }
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: WireError };

/** SerializedError plus the thrower's class name, so an Internal error still says it was a TypeError. */
export type WireError = SerializedError & { readonly name?: string };
const errorSchema = z.object({ code: z.string(), message: z.string(), name: z.string().optional() });
export const eventSchema = z.union([
  z.object({ type: z.literal('ready'), info: z.object({ modelId: z.string(), lowResSize: z.number().int().positive(), provider: z.string(), family: z.string().optional(), providerFallback: z.string().optional() }), warnings: z.array(z.string()) }),
  z.object({ type: z.literal('fatal'), error: errorSchema }),
  z.object({ type: z.literal('started'), id: z.number().int() }),
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(false), error: errorSchema }),
]);
