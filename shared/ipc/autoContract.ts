/**
 * Automatic mask generation in the app (issue 10 item 7): the `auto:*` channels, spread into the
 * contract (contract.ts) and so derived like every other channel (preload, register, serve RPC, client).
 *
 * Params are SamAutomaticMaskGenerator's knobs in camelCase (SAM's names in docs/AUTO-APP.md); an absent
 * knob takes SAM's default (shared/masks/amg/params.ts). Masks cross as COCO compressed RLE only: never a
 * full-size float or binary mask. Records keep SAM's field names (predicted_iou, stability_score, …).
 * Nothing here names a file: images by id, jobs and records by the ids main issued.
 */
import { z } from 'zod';
import { annotationSchema, count, finite, id, rleSchema } from './schemas.js';

const unit = z.number().min(0).max(1);

export const amgParamsSchema = z.strictObject({
  pointsPerSide: z.number().int().min(1).max(128).optional(),
  pointsPerBatch: z.number().int().min(1).max(1024).optional(),
  predIouThresh: unit.optional(),
  stabilityScoreThresh: unit.optional(),
  stabilityScoreOffset: finite.optional(),
  boxNmsThresh: unit.optional(),
  cropNLayers: z.number().int().min(0).max(3).optional(),
  cropNmsThresh: unit.optional(),
  cropOverlapRatio: unit.optional(),
  cropNPointsDownscaleFactor: z.number().int().min(1).max(16).optional(),
  minMaskRegionArea: count.optional(),
  duplicateStrategy: z.enum(['keep_all', 'keep_largest', 'keep_smallest', 'merge']).optional(),
  duplicateThresh: unit.optional(),
  coverageAware: z.boolean().optional(),
  /** Only points inside this [x0, y0, x1, y1) box of the image (integer pixels). */
  region: z.tuple([count, count, count, count]).optional(),
});

/** One generated mask, as SAM's generate() reports it, plus the id main keeps it under for accept. */
export const autoRecordSchema = z.strictObject({
  recordId: id,
  segmentation: rleSchema,
  area: count,
  /** [x, y, width, height] in image pixels (COCO box of the segmentation). */
  bbox: z.tuple([finite, finite, finite, finite]),
  predicted_iou: finite,
  stability_score: finite,
  point_coords: z.array(z.tuple([finite, finite])),
  crop_box: z.tuple([finite, finite, finite, finite]),
});

const jobRef = z.strictObject({ jobId: id });

export const autoChannels = {
  /** Starts AMG on one image in the background; `auto` events report progress and the end. */
  'auto:start': { request: z.strictObject({ imageId: id, params: amgParamsSchema.optional() }), response: jobRef },
  /** Stops a running job (single or batch) at the next batch of points; false when it is not running. */
  'auto:cancel': { request: jobRef, response: z.strictObject({ cancelled: z.boolean() }) },
  /** A finished single-image job's records, largest area first. NotFound-style BadInput for unknown or unfinished jobs. */
  'auto:results': {
    request: jobRef,
    response: z.strictObject({
      jobId: id,
      imageId: id,
      width: count,
      height: count,
      records: z.array(autoRecordSchema),
      stats: z.strictObject({ pointsTotal: count, pointsSkipped: count, decoderRuns: count, totalMs: finite }),
    }),
  },
  /** Keeps some records as annotations (source 'auto', reviewed by the person): one undo step. */
  'auto:accept': {
    request: z.strictObject({ jobId: id, recordIds: z.array(id).min(1).max(10_000), labelId: id }),
    response: z.strictObject({ annotations: z.array(annotationSchema) }),
  },
  /**
   * AMG over several images in the background; every image's masks become annotations flagged
   * needs_review (as `samlabel auto --into-project`), with `labelId` or the label 'object'.
   * Images that already have automatic masks are skipped (resumable).
   */
  'auto:startBatch': {
    request: z.strictObject({ imageIds: z.array(id).min(1).max(100_000), labelId: id.optional(), params: amgParamsSchema.optional() }),
    response: jobRef,
  },
  /**
   * Detector output inside the open project folder that `auto:importBoxes` can use (COCO detections JSON
   * files, YOLO label folders). Main walks the folder; the page only ever sees ids and display names.
   */
  'auto:listDetections': {
    request: z.strictObject({}),
    response: z.strictObject({ sources: z.array(z.strictObject({ sourceId: id, name: z.string(), kind: z.enum(['yolo', 'coco']) })) }),
  },
  /**
   * Every image's detector boxes → SAM masks in the background, as `samlabel boxes --into-project`: class
   * names become labels (`labelFallback` when a detection has none), masks are flagged needs_review, one
   * undo step per image; images that already have automatic masks are skipped (resumable). Reported as a
   * 'batch' `auto` event.
   */
  'auto:importBoxes': {
    request: z.strictObject({ sourceId: id, mode: z.enum(['single', 'best-of-3']), labelFallback: z.string().min(1).max(200).optional() }),
    response: jobRef,
  },
} as const;

/** The `auto` event: progress of a job, then exactly one of done / failed / cancelled. */
export const autoEventSchema = z.strictObject({
  type: z.literal('auto'),
  jobId: id,
  kind: z.enum(['image', 'batch']),
  phase: z.enum(['progress', 'done', 'failed', 'cancelled']),
  /** The image being generated (batch: the current one). */
  imageId: id.optional(),
  /** Grid points of the current image decoded or skipped so far, of its total. */
  pointsDone: count,
  pointsTotal: count,
  /** Batch: images finished (done, skipped or failed) of all. */
  imagesDone: count.optional(),
  imagesTotal: count.optional(),
  /** On done: masks found (image) or added to the project (batch). */
  records: count.optional(),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});
