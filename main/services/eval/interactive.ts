import { SamlabelError } from '../../../shared/errors.js';
import { imagePoint, PointLabel, type ClickLabel, type ImagePoint } from '../../../shared/sam/coords.js';
import type { PredictResult, Predictor } from '../../inference/predictor.js';
import { nextClick, type Click } from './clicker.js';
import type { GroundTruth } from './groundTruth.js';
import { iouWithIgnore } from './metrics.js';

export interface ProtocolOptions {
  readonly maxClicks: number;
  /**
   * Stop once IoU >= `iou` after at least `clicks` clicks: every reported number (mIoU@1/3/5, NoC@85/90) is known by
   * then, so the remaining clicks would only cost time.
   */
  readonly earlyStop?: { readonly clicks: number; readonly iou: number };
}

export interface SampleRun {
  readonly clicks: Click[];
  /** IoU after each click (index 0 = after click 1). */
  readonly ious: number[];
  /** Time the predictor reported for each decode, ms. */
  readonly decodeMs: number[];
  /** Time of setImage as seen by the caller, ms (the precompute on a cache miss). */
  readonly setImageMs: number;
  /** The precompute alone, as the predictor reports it (0 on a cache hit). */
  readonly encodeMs: number;
}

/**
 * Runs the standard interactive protocol on one image: every click so far is passed each time, points only
 * (no mask_input, so numbers compare with published tables), and the top-scoring candidate is the prediction.
 */
export async function runSample(
  predictor: Predictor,
  image: string | Uint8Array,
  gt: GroundTruth,
  options: ProtocolOptions,
): Promise<SampleRun> {
  const t0 = performance.now();
  const set = await predictor.setImage(image);
  const setImageMs = performance.now() - t0;
  if (set.width !== gt.width || set.height !== gt.height) {
    throw new SamlabelError('BadInput', `the mask is ${gt.width}x${gt.height} but the image is ${set.width}x${set.height}`);
  }
  const clicks: Click[] = [];
  const ious: number[] = [];
  const decodeMs: number[] = [];
  let prediction: Uint8Array | null = null;
  while (clicks.length < options.maxClicks) {
    const click = nextClick(gt, prediction);
    if (click === null) break;
    clicks.push(click);
    const result = await predictor.predict(requestFor(clicks));
    decodeMs.push(result.timingsMs.decode);
    prediction = topMask(result, gt);
    ious.push(iouWithIgnore(gt, prediction));
    if (reachedEarlyStop(ious, options)) break;
  }
  return { clicks, ious, decodeMs, setImageMs, encodeMs: set.timingsMs.encode };
}

function requestFor(clicks: readonly Click[]) {
  // The click is a pixel index; the predictor's frame is continuous, so pass the pixel's centre.
  const pointCoords: ImagePoint[] = clicks.map((c) => imagePoint(c.x + 0.5, c.y + 0.5));
  const pointLabels: ClickLabel[] = clicks.map((c) => (c.positive ? PointLabel.Foreground : PointLabel.Background));
  return { pointCoords, pointLabels, multimaskOutput: true, upsample: {} };
}

/** The candidate with the highest predicted IoU, as a full-image binary mask. */
function topMask(result: PredictResult, gt: GroundTruth): Uint8Array {
  const masks = result.masks;
  if (masks === undefined || masks.masks.length === 0) throw new SamlabelError('Internal', 'predictor returned no masks');
  let best = 0;
  for (let i = 1; i < result.iouPredictions.length; i++) if (result.iouPredictions[i] > result.iouPredictions[best]) best = i;
  const mask = masks.masks[best];
  const { x0, y0, x1, y1 } = masks.region;
  if (x0 === 0 && y0 === 0 && x1 === gt.width && y1 === gt.height) return mask.data;
  const full = new Uint8Array(gt.width * gt.height);
  for (let y = y0; y < y1; y++) full.set(mask.data.subarray((y - y0) * mask.width, (y - y0 + 1) * mask.width), y * gt.width + x0);
  return full;
}

function reachedEarlyStop(ious: readonly number[], options: ProtocolOptions): boolean {
  const stop = options.earlyStop;
  return stop !== undefined && ious.length >= stop.clicks && ious[ious.length - 1] >= stop.iou;
}
