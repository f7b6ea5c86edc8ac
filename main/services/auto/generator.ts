/**
 * SamAutomaticMaskGenerator over the engine: generate → crops → batches, as in SAM's
 * automatic_mask_generator.py. One encoder pass per crop (the engine caches embeddings), prompts in
 * batches of points_per_batch filtered inside the engine, masks kept as RLE from then on.
 */
import { SamlabelError } from '../../../shared/errors.js';
import type { AmgCandidate } from '../../../shared/masks/amg/candidates.js';
import { generateCropBoxes, type BoxXyxy } from '../../../shared/masks/amg/cropBoxes.js';
import { applyDuplicateStrategy } from '../../../shared/masks/amg/duplicates.js';
import { dropCropEdgeMasks, finishCrop, mergeCrops, postprocessSmallRegions, type ImageMask } from '../../../shared/masks/amg/maskData.js';
import { resolveAmgParams, type AmgParams, type PointGrid } from '../../../shared/masks/amg/params.js';
import { buildAllLayerPointGrids } from '../../../shared/masks/amg/pointGrid.js';
import { toRecord, type AmgRecord } from '../../../shared/masks/amg/records.js';
import { cropSource, type CropSource } from './cropImages.js';
import type { AmgEngine } from './engine.js';
import { cropPoints, isCovered, type Point } from './points.js';

export interface AmgProgress {
  readonly pointsDone: number;
  readonly pointsTotal: number;
  readonly crop: number;
  readonly crops: number;
}

export interface AmgRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: AmgProgress) => void;
  /** Pixel limit when decoding the image for crop layers. */
  readonly maxPixels?: number;
}

export interface AmgStats {
  crops: number;
  pointsTotal: number;
  /** Points the coverage-aware mode did not send to the decoder. */
  pointsSkipped: number;
  decoderRuns: number;
  timingsMs: { setImage: number; decode: number; filter: number; total: number };
}

export interface AmgResult {
  readonly width: number;
  readonly height: number;
  readonly records: AmgRecord[];
  readonly masks: ImageMask[];
  readonly stats: AmgStats;
}

/** A crop to run: the box the encoder sees, and the area its grid covers (the region on layer 0). */
interface CropJob {
  readonly cropBox: BoxXyxy;
  readonly pointArea: BoxXyxy;
  readonly layer: number;
}

type Size = { readonly height: number; readonly width: number };

export class SamAutomaticMaskGenerator {
  readonly params: AmgParams;
  private readonly pointGrids: readonly PointGrid[];

  constructor(
    private readonly engine: AmgEngine,
    params: Partial<AmgParams> = {},
  ) {
    this.params = resolveAmgParams(params);
    const p = this.params;
    this.pointGrids = p.pointGrids ?? buildAllLayerPointGrids(p.pointsPerSide ?? 0, p.cropNLayers, p.cropNPointsDownscaleFactor);
  }

  async generate(imagePath: string, options: AmgRunOptions = {}): Promise<AmgResult> {
    const t0 = performance.now();
    const stats: AmgStats = { crops: 0, pointsTotal: 0, pointsSkipped: 0, decoderRuns: 0, timingsMs: { setImage: 0, decode: 0, filter: 0, total: 0 } };
    const set = await this.engine.setImage(imagePath, { signal: options.signal });
    stats.timingsMs.setImage += set.timingsMs.total;
    const origSize = { height: set.height, width: set.width };
    const jobs = this.cropJobs(origSize);
    stats.crops = jobs.length;
    stats.pointsTotal = jobs.reduce((n, j) => n + this.pointGrids[j.layer].length / 2, 0);
    const progress = { done: 0, report: (crop: number) => options.onProgress?.({ pointsDone: progress.done, pointsTotal: stats.pointsTotal, crop, crops: jobs.length }) };
    let crops: CropSource | undefined;
    const masks: ImageMask[] = [];
    for (const [i, job] of jobs.entries()) {
      if (i > 0) {
        crops ??= await cropSource(imagePath, options.maxPixels);
        const bytes = await crops.crop(job.cropBox);
        stats.timingsMs.setImage += (await this.engine.setImage(bytes, { signal: options.signal })).timingsMs.total;
      }
      masks.push(...(await this.processCrop(job, origSize, stats, options, () => progress.report(i), (n) => (progress.done += n))));
    }
    const records = this.finish(masks, jobs.length);
    stats.timingsMs.total = performance.now() - t0;
    return { width: origSize.width, height: origSize.height, records: records.map((m) => toRecord(m, this.params.outputMode)), masks: records, stats };
  }

  /** generate_crop_boxes over the region (default: the image); layer 0 always encodes the whole image. */
  private cropJobs(origSize: Size): CropJob[] {
    const p = this.params;
    const region: BoxXyxy = p.region ? clipRegion(p.region, origSize) : [0, 0, origSize.width, origSize.height];
    const size = { height: region[3] - region[1], width: region[2] - region[0] };
    const { cropBoxes, layerIdxs } = generateCropBoxes(size, p.cropNLayers, p.cropOverlapRatio);
    return cropBoxes.map((b, i) => {
      const box: BoxXyxy = [b[0] + region[0], b[1] + region[1], b[2] + region[0], b[3] + region[1]];
      return i === 0 ? { cropBox: [0, 0, origSize.width, origSize.height], pointArea: box, layer: 0 } : { cropBox: box, pointArea: box, layer: layerIdxs[i] };
    });
  }

  /** _process_crop: batches of points on the current image, edge filter per batch, NMS at the end. */
  private async processCrop(job: CropJob, origSize: Size, stats: AmgStats, options: AmgRunOptions, report: () => void, advance: (n: number) => void): Promise<ImageMask[]> {
    const p = this.params;
    const points = cropPoints(this.pointGrids[job.layer], job.pointArea, job.cropBox);
    const kept: Array<AmgCandidate & { point: Point }> = [];
    let next = 0;
    let counted = 0;
    report();
    while (next < points.length) {
      if (options.signal?.aborted) throw new SamlabelError('EngineCancelled', 'automatic mask generation cancelled');
      const batch: Point[] = [];
      for (; next < points.length && batch.length < p.pointsPerBatch; next++) {
        if (p.coverageAware && isCovered(points[next], kept.map((k) => k.rle))) stats.pointsSkipped++;
        else batch.push(points[next]);
      }
      if (batch.length > 0) {
        const out = await this.engine.predictPointBatch({ points: batch, predIouThresh: p.predIouThresh, stabilityScoreThresh: p.stabilityScoreThresh, stabilityScoreOffset: p.stabilityScoreOffset }, { signal: options.signal });
        stats.decoderRuns += out.decoderRuns;
        stats.timingsMs.decode += out.timingsMs.decode;
        stats.timingsMs.filter += out.timingsMs.filter;
        const inCrop = dropCropEdgeMasks(out.candidates, job.cropBox, origSize);
        kept.push(...inCrop.map((c) => ({ ...c, point: batch[c.pointIndex] })));
      }
      // Progress counts every grid point once, sent or skipped.
      advance(next - counted);
      counted = next;
      report();
    }
    return finishCrop(kept, job.cropBox, origSize, p.boxNmsThresh);
  }

  /** _generate_masks' cross-crop NMS, then generate's small-region repair, then the duplicate strategy (sorts by area). */
  private finish(masks: ImageMask[], nCrops: number): ImageMask[] {
    const p = this.params;
    let out = mergeCrops(masks, nCrops, p.cropNmsThresh);
    if (p.minMaskRegionArea > 0) out = postprocessSmallRegions(out, p.minMaskRegionArea, Math.max(p.boxNmsThresh, p.cropNmsThresh));
    return applyDuplicateStrategy(out, p.duplicateStrategy, p.duplicateThresh);
  }
}

function clipRegion(region: readonly number[], size: Size): BoxXyxy {
  const box: BoxXyxy = [Math.max(0, region[0]), Math.max(0, region[1]), Math.min(size.width, region[2]), Math.min(size.height, region[3])];
  if (box[2] <= box[0] || box[3] <= box[1]) throw new SamlabelError('BadInput', `region ${region.join(',')} is outside the ${size.width}x${size.height} image`);
  return box;
}
