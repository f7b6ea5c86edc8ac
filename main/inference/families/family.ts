import type ort from 'onnxruntime-node';
import type { Size } from '../../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { RgbImage } from '../backend.js';

/** One graph input or output as declared in the ONNX file; symbolic dims are null. */
export interface TensorInfo {
  readonly name: string;
  readonly dtype: string;
  readonly dims: Array<number | null>;
}

export interface GraphInfo {
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
}

/** An encoder output kept as (part of) the per-image embedding, fed to the decoder under `feedAs`. */
export interface EmbeddingPart {
  readonly output: string;
  readonly feedAs: string;
  readonly dims: number[];
}

/** The two decoder outputs the engine reads; every other output is pruned from the graph. */
export interface DecoderOutputs {
  readonly iou: string;
  readonly lowRes: string;
}

/**
 * One SAM-family export contract (see docs/MODELS.md): everything that differs between families lives
 * behind this interface, so the engine never branches on a family name. The engine's own frame is SAM 1's:
 * points in the resized-longest-side frame, low-res logits over the padded 1024² square; an adapter whose
 * graph uses another frame converts at its edges.
 */
export interface FamilyAdapter {
  /** The catalog's `contract` value. */
  readonly id: string;
  readonly label: string;
  /** Part of the embedding cache key: bump when this family's preprocessing changes. */
  readonly preprocessVersion: number;
  readonly supportsMaskInput: boolean;
  /** null when the pair carries this family's contract, else why not (one line). */
  check(encoder: GraphInfo, decoder: GraphInfo): string | null;
  encoderFeeds(image: RgbImage, origSize: Size): Record<string, ort.Tensor>;
  embeddingParts(encoder: GraphInfo): EmbeddingPart[];
  decoderOutputs(decoder: GraphInfo): DecoderOutputs;
  decoderFeeds(parts: readonly Float32Array[], feeds: DecoderFeeds, decoder: GraphInfo): Record<string, ort.Tensor>;
  /** The decoder's low-res planes (count × 256²) in the engine's padded frame. */
  lowResToEngine(planes: Float32Array, count: number, origSize: Size): Float32Array;
  /** Decoder output indices returned as candidates. */
  select(iou: Float32Array, multimaskOutput: boolean): number[];
}

export const hasInput = (g: GraphInfo, name: string): boolean => g.inputs.some((t) => t.name === name);
export const hasOutput = (g: GraphInfo, name: string): boolean => g.outputs.some((t) => t.name === name);
export const inputOf = (g: GraphInfo, name: string): TensorInfo | undefined => g.inputs.find((t) => t.name === name);

/** The first missing name, phrased for a one-line refusal. */
export function missing(g: GraphInfo, role: string, inputs: readonly string[], outputs: readonly string[] = []): string | null {
  const input = inputs.find((n) => !hasInput(g, n));
  if (input) return `${role} has no input ${input}`;
  const output = outputs.find((n) => !hasOutput(g, n));
  return output ? `${role} has no output ${output}` : null;
}

/** SamPredictor's choice for SAM 1 exports: the multimask trio 1..3 of a 4-mask decoder, else index 0. */
export function sam1Select(iou: Float32Array, multimaskOutput: boolean): number[] {
  return iou.length >= 4 && multimaskOutput ? [1, 2, 3] : [0];
}

/** Multimask-only decoders (SAM 2, EfficientSAM): all of them, or the best by predicted IoU. */
export function allOrBest(iou: Float32Array, multimaskOutput: boolean): number[] {
  if (multimaskOutput) return Array.from(iou, (_, i) => i);
  let best = 0;
  for (let i = 1; i < iou.length; i++) if (iou[i] > iou[best]) best = i;
  return [best];
}
