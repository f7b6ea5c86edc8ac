import type { ClickLabel, ImageBox, ImagePoint } from '../../shared/sam/coords.js';
import type { BinaryMask } from '../../shared/masks/types.js';

import type { PixelRect } from '../../shared/sam/pixelRect.js';

export type { PixelRect };

export interface SetImageResult {
  readonly sha256: string;
  /** Size after EXIF orientation: the pixels the user sees, the frame every ImagePoint is in. */
  readonly width: number;
  readonly height: number;
  readonly cache: 'hit' | 'miss';
  readonly timingsMs: { readonly encode: number; readonly total: number };
}

/** SamPredictor.predict, in TypeScript naming; points and box in original image pixels. */
export interface PredictRequest {
  readonly pointCoords?: readonly ImagePoint[];
  readonly pointLabels?: readonly ClickLabel[];
  readonly box?: ImageBox;
  /** Low-res logits (lowResSize²) of an earlier candidate: SAM's refinement input. */
  readonly maskInput?: Float32Array;
  /** SamPredictor's multimask_output; default true. */
  readonly multimaskOutput?: boolean;
  /** Upsample the candidates to original pixels, only inside `region` (default: whole image). Omit for low-res only. */
  readonly upsample?: { readonly region?: PixelRect };
}

export interface UpsampledMasks {
  readonly region: PixelRect;
  /** One per candidate, sized to the region. */
  readonly masks: BinaryMask[];
  readonly stabilityScores: number[];
  readonly areas: number[];
}

export interface PredictResult {
  /** Decoder output index of each candidate (1..3 for the multimask trio of a 4-mask export). */
  readonly indices: number[];
  readonly iouPredictions: number[];
  /** candidates × lowResSize² logits; one candidate's slice is the next call's maskInput. */
  readonly lowResLogits: Float32Array;
  readonly lowResSize: number;
  readonly masks?: UpsampledMasks;
  readonly timingsMs: { readonly decode: number };
}

/** SamPredictor's API: one image at a time, many prompts per image. */
export interface Predictor {
  readonly modelId: string;
  setImage(image: string | Uint8Array): Promise<SetImageResult>;
  predict(request: PredictRequest): Promise<PredictResult>;
}
