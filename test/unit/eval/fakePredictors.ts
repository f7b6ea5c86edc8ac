import sharp from 'sharp';
import type { GroundTruth } from '../../../main/services/eval/groundTruth.js';
import type { PredictRequest, PredictResult, Predictor, SetImageResult } from '../../../main/inference/predictor.js';

/**
 * Predictors whose answers are known, to test the eval protocol rather than a model. Each answers with one
 * full-image mask computed from the request's points in original image pixels.
 */
abstract class FakePredictor implements Predictor {
  abstract readonly modelId: string;
  protected width = 0;
  protected height = 0;
  readonly requests: PredictRequest[] = [];

  async setImage(image: string | Uint8Array): Promise<SetImageResult> {
    const meta = await sharp(image).metadata();
    this.width = meta.width ?? 0;
    this.height = meta.height ?? 0;
    return { sha256: '0'.repeat(64), width: this.width, height: this.height, cache: 'miss', timingsMs: { encode: 0, total: 0 } };
  }

  protected abstract answer(request: PredictRequest): Uint8Array;

  async predict(request: PredictRequest): Promise<PredictResult> {
    this.requests.push(request);
    const data = this.answer(request);
    const mask = { width: this.width, height: this.height, data };
    return {
      indices: [0],
      iouPredictions: [1],
      lowResLogits: new Float32Array(0),
      lowResSize: 0,
      masks: { region: { x0: 0, y0: 0, x1: this.width, y1: this.height }, masks: [mask], stabilityScores: [1], areas: [0] },
      timingsMs: { decode: 1 },
    };
  }
}

/**
 * Answers the ground truth of the image it was set to, whatever the clicks (every image needs one click); with
 * `dropRows`, minus the object's first rows, so an error is always left to click on.
 */
export class GroundTruthPredictor extends FakePredictor {
  readonly modelId = 'fake-ground-truth';
  private current = '';
  constructor(private readonly truths: Map<string, GroundTruth>, private readonly dropRows = 0) {
    super();
  }
  override async setImage(image: string | Uint8Array): Promise<SetImageResult> {
    this.current = String(image);
    return super.setImage(image);
  }
  protected answer(): Uint8Array {
    const gt = this.truths.get(this.current);
    if (!gt) throw new Error('no ground truth for the current image');
    const out = Uint8Array.from(gt.object);
    let dropped = 0;
    for (let y = 0; y < gt.height && dropped < this.dropRows; y++) {
      const row = out.subarray(y * gt.width, (y + 1) * gt.width);
      if (row.some((v) => v)) {
        row.fill(0);
        dropped++;
      }
    }
    return out;
  }
}

/** Answers a disc of `radius` px around the first click, read as (x, y) or, when `swapped`, as (y, x). */
export class DiscPredictor extends FakePredictor {
  readonly modelId: string;
  constructor(private readonly radius: number, private readonly swapped = false) {
    super();
    this.modelId = swapped ? 'fake-disc-swapped' : 'fake-disc';
  }
  protected answer(request: PredictRequest): Uint8Array {
    const first = request.pointCoords?.[0];
    if (!first) throw new Error('no click');
    const [cx, cy] = this.swapped ? [first.y, first.x] : [first.x, first.y];
    const out = new Uint8Array(this.width * this.height);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) out[y * this.width + x] = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= this.radius ** 2 ? 1 : 0;
    }
    return out;
  }
}
