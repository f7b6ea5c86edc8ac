import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { SamlabelError } from '../../shared/errors.js';
import type { ClickLabel, ImagePoint } from '../../shared/sam/coords.js';
import type { PredictRequest, PredictResult, Predictor, SetImageResult } from '../../main/inference/predictor.js';

/** The working copy a baseline segments: RGB8 at `scale` × the original size. */
export interface WorkImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  /** Working pixels per original pixel. */
  readonly scale: number;
}

/** A click in working-image pixels. */
export interface WorkClick {
  readonly x: number;
  readonly y: number;
  readonly positive: boolean;
}

/**
 * Predictor for reference methods that segment a downscaled copy from clicks alone (no logits, no candidates):
 * they plug into the same eval protocol as any model. One candidate, score 1, upsampled by nearest neighbour.
 */
export abstract class RasterPredictor implements Predictor {
  abstract readonly modelId: string;
  private work: WorkImage | null = null;
  private origWidth = 0;
  private origHeight = 0;

  constructor(private readonly longestSide: number) {}

  protected abstract prepare(image: WorkImage): Promise<void> | void;
  protected abstract segment(image: WorkImage, clicks: readonly WorkClick[]): Uint8Array;

  async setImage(image: string | Uint8Array): Promise<SetImageResult> {
    const t0 = performance.now();
    const bytes = typeof image === 'string' ? await readFile(image) : image;
    const meta = await sharp(bytes).rotate().metadata();
    const { data, info } = await sharp(bytes)
      .rotate()
      .removeAlpha()
      .resize({ width: this.longestSide, height: this.longestSide, fit: 'inside' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const oriented = (meta.orientation ?? 1) >= 5;
    this.origWidth = (oriented ? meta.height : meta.width) ?? 0;
    this.origHeight = (oriented ? meta.width : meta.height) ?? 0;
    this.work = { width: info.width, height: info.height, rgb: new Uint8Array(data), scale: info.width / this.origWidth };
    const t1 = performance.now();
    await this.prepare(this.work);
    const encode = performance.now() - t1;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { sha256, width: this.origWidth, height: this.origHeight, cache: 'miss', timingsMs: { encode, total: performance.now() - t0 } };
  }

  async predict(request: PredictRequest): Promise<PredictResult> {
    const work = this.work;
    if (work === null) throw new SamlabelError('NoImageSet', 'call setImage before predict');
    const t0 = performance.now();
    const clicks = toWorkClicks(request.pointCoords ?? [], request.pointLabels ?? [], work);
    const small = this.segment(work, clicks);
    const decode = performance.now() - t0;
    const data = upsampleNearest(small, work, this.origWidth, this.origHeight);
    const region = { x0: 0, y0: 0, x1: this.origWidth, y1: this.origHeight };
    const mask = { width: this.origWidth, height: this.origHeight, data };
    const area = data.reduce((a, v) => a + v, 0);
    return {
      indices: [0],
      iouPredictions: [1],
      lowResLogits: new Float32Array(0),
      lowResSize: 0,
      masks: { region, masks: [mask], stabilityScores: [1], areas: [area] },
      timingsMs: { decode },
    };
  }
}

function toWorkClicks(points: readonly ImagePoint[], labels: readonly ClickLabel[], work: WorkImage): WorkClick[] {
  return points.map((p, i) => ({
    x: Math.min(work.width - 1, Math.max(0, Math.floor(p.x * work.scale))),
    y: Math.min(work.height - 1, Math.max(0, Math.floor(p.y * work.scale))),
    positive: labels[i] === 1,
  }));
}

function upsampleNearest(small: Uint8Array, work: WorkImage, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(work.height - 1, Math.floor((y + 0.5) * work.scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(work.width - 1, Math.floor((x + 0.5) * work.scale));
      out[y * width + x] = small[sy * work.width + sx];
    }
  }
  return out;
}
