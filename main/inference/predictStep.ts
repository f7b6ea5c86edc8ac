import { SamlabelError } from '../../shared/errors.js';
import type { Size } from '../../shared/sam/coords.js';
import { buildDecoderFeeds } from '../../shared/sam/decoderFeeds.js';
import { binarizeRegion, lowResCandidate } from '../../shared/sam/postprocess.js';
import { applyBox, applyCoords } from '../../shared/sam/resizeLongestSide.js';
import type { EngineBackend } from './backend.js';
import type { PixelRect, PredictRequest, PredictResult, UpsampledMasks } from './predictor.js';

/** One SamPredictor.predict on a prepared image: image px → model frame → decoder → (optional) upsampling. */
export async function runPredict(backend: EngineBackend, prepared: unknown, origSize: Size, request: PredictRequest): Promise<PredictResult> {
  const t0 = performance.now();
  const pointCoords = request.pointCoords ?? [];
  const pointLabels = request.pointLabels ?? [];
  if (pointCoords.length !== pointLabels.length) {
    throw new SamlabelError('BadInput', `pointCoords has ${pointCoords.length} points but pointLabels has ${pointLabels.length} labels`);
  }
  const lowResSize = backend.info.lowResSize;
  const feeds = buildDecoderFeeds({
    pointCoords: applyCoords(pointCoords, origSize),
    pointLabels: [...pointLabels],
    box: request.box ? applyBox(request.box, origSize) : undefined,
    maskInput: request.maskInput ?? null,
    origSize,
    lowResSize,
  });
  const out = await backend.decode(prepared, feeds, request.multimaskOutput ?? true);
  const masks = request.upsample ? upsampleAll(out.lowResLogits, out.indices.length, lowResSize, origSize, request.upsample.region) : undefined;
  return {
    indices: out.indices,
    iouPredictions: Array.from(out.iouPredictions),
    lowResLogits: out.lowResLogits,
    lowResSize,
    masks,
    timingsMs: { decode: performance.now() - t0 },
  };
}

export function clampRegion(region: PixelRect | undefined, size: Size): PixelRect {
  const r = region ?? { x0: 0, y0: 0, x1: size.width, y1: size.height };
  const values = [r.x0, r.y0, r.x1, r.y1];
  if (!values.every(Number.isInteger)) throw new SamlabelError('BadInput', 'upsample region must have integer pixel bounds');
  const clamped = {
    x0: Math.max(0, r.x0),
    y0: Math.max(0, r.y0),
    x1: Math.min(size.width, r.x1),
    y1: Math.min(size.height, r.y1),
  };
  if (clamped.x1 <= clamped.x0 || clamped.y1 <= clamped.y0) {
    throw new SamlabelError('BadInput', `upsample region [${values.join(', ')}] is outside the ${size.width}x${size.height} image`);
  }
  return clamped;
}

function upsampleAll(lowRes: Float32Array, count: number, lowResSize: number, origSize: Size, region: PixelRect | undefined): UpsampledMasks {
  const rect = clampRegion(region, origSize);
  const result: UpsampledMasks = { region: rect, masks: [], stabilityScores: [], areas: [] };
  for (let k = 0; k < count; k++) {
    const one = binarizeRegion(lowResCandidate(lowRes, k, lowResSize), lowResSize, origSize, rect);
    result.masks.push(one.mask);
    result.stabilityScores.push(one.stabilityScore);
    result.areas.push(one.area);
  }
  return result;
}
