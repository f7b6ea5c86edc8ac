import type { Size } from '../../shared/sam/coords.js';
import type { DecoderFeeds } from '../../shared/sam/decoderFeeds.js';

import type { RgbImage } from '../imaging/rgbImage.js';

export type { RgbImage };

export interface BackendInfo {
  /** Part of the embedding cache key: two models never share an embedding. */
  readonly modelId: string;
  /** Side of the square low-res logits this backend returns, covering the padded IMG_SIZE frame (SAM: 256). */
  readonly lowResSize: number;
  /** Execution provider actually in use (e.g. 'cpu', 'cuda'), after any fallback. */
  readonly provider: string;
  /** Model family (catalog `contract`) of an ONNX pair; absent for built-in backends. */
  readonly family?: string;
  /** Why the requested execution provider was not used, when it was not. */
  readonly providerFallback?: string;
}

/**
 * Candidates picked from the decoder's outputs, SamPredictor-style:
 * `indices` are the decoder's output indices (1..3 for the multimask trio of a 4-mask export).
 */
export interface DecodeOutput {
  readonly indices: number[];
  /** One score per candidate. */
  readonly iouPredictions: Float32Array;
  /** candidates × lowResSize × lowResSize logits, row-major, > MASK_THRESHOLD is inside. */
  readonly lowResLogits: Float32Array;
}

/**
 * What the engine process drives: a per-image precompute (`encode`, SAM's image encoder) and a cheap
 * per-prompt `decode`. `P` is the backend's prepared state; it must round-trip through bytes for the disk cache.
 */
export interface EngineBackend<P = unknown> {
  readonly info: BackendInfo;
  encode(image: RgbImage, origSize: Size): Promise<P>;
  decode(prepared: P, feeds: DecoderFeeds, multimaskOutput: boolean): Promise<DecodeOutput>;
  serialize(prepared: P): Uint8Array;
  deserialize(bytes: Uint8Array): P;
  byteSize(prepared: P): number;
  dispose(): Promise<void>;
}
