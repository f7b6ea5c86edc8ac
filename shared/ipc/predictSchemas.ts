/**
 * engine:predict and engine:candidateLogits. A predict answer crosses the boundary on every click and
 * hover, and its bytes are most of a click's transport time, so it carries what the editor draws and
 * no more (shared/sam/lowResCells.ts): sign bits per image cell for the three previews, and exact
 * logits only for the candidate shown, only where they decide its mask. The logits themselves stay in
 * main, by id, for refining (mask_input) and accepting.
 */
import { z } from 'zod';
import { cellMaskBytes } from '../sam/lowResCells.js';
import { clickLabelSchema, count, finite, id, imageBoxSchema, imagePointSchema } from './schemas.js';

export const predictRequestSchema = z
  .strictObject({
    /** Must be the image of the last setImage, so a late click on a previous image fails loudly (NoImageSet). */
    imageId: id,
    pointCoords: z.array(imagePointSchema).max(64),
    pointLabels: z.array(clickLabelSchema).max(64),
    box: imageBoxSchema.optional(),
    /** An earlier candidate's `maskInputIds[i]`: its low-res logits stay in main and become SAM's mask_input. */
    maskInputId: id.optional(),
    multimaskOutput: z.boolean(),
    /** The candidate index the editor keeps showing (a refinement keeps the person's choice); default: the highest predicted IoU. */
    prefer: count.optional(),
  })
  .refine((r) => r.pointCoords.length === r.pointLabels.length, 'pointCoords and pointLabels must have the same length')
  .refine((r) => r.pointCoords.length > 0 || r.box !== undefined, 'a prompt needs at least one point or a box');

const cellGridSchema = z.strictObject({ cols: count, rows: count });

/** Cells [c0, c1) × [r0, r1) of the low-res frame and their logits, row-major; every cell outside is ≤ 0. */
export const windowedLogitsSchema = z
  .strictObject({
    window: z.strictObject({ c0: count, r0: count, c1: count, r1: count }),
    values: z.instanceof(Float32Array),
  })
  .refine(({ window: w }) => w.c0 <= w.c1 && w.r0 <= w.r1, 'window corners out of order')
  .refine(({ window: w, values }) => values.length === (w.c1 - w.c0) * (w.r1 - w.r0), 'one logit per window cell');

export const predictResponseSchema = z
  .strictObject({
    /** Decoder output index of each candidate (1..3 for the multimask trio of a 4-mask export). */
    indices: z.array(count),
    iouPredictions: z.array(finite),
    /**
     * Per candidate: SAM's stability score (threshold 0, offset 1) computed in main from the LOW-RES
     * logits over the part of the low-res frame that covers the image (padding excluded). A preview
     * number; the accepted annotation stores the exact full-resolution score.
     */
    stabilityScores: z.array(finite),
    /** One id per candidate: send back as `maskInputId` to refine, or to annotations:accept to keep it. */
    maskInputIds: z.array(id),
    /** Side of SAM's square low-res frame (256), which covers the padded 1024 model frame. */
    lowResSize: z.number().int().positive(),
    /** The low-res cells the image's pixels read (the frame's padding is never read). */
    grid: cellGridSchema,
    /** Per candidate, ceil(cols·rows/8) bytes: bit r·cols + c (least significant first) is logit > 0. */
    cellMasks: z.instanceof(Uint8Array),
    /** The candidate to show: `prefer` when it names one, else the highest predicted IoU. */
    shown: count,
    /** The shown candidate's logits where they decide its mask; the others' via engine:candidateLogits. */
    shownLogits: windowedLogitsSchema,
    /** decode: the engine's decoder run; total: main's whole handling (queueing, engine round trip, stability). */
    timingsMs: z.strictObject({ decode: finite, total: finite }),
  })
  .refine(
    (r) => [r.iouPredictions, r.stabilityScores, r.maskInputIds].every((a) => a.length === r.indices.length),
    'one iouPrediction, stabilityScore and maskInputId per candidate',
  )
  .refine((r) => r.grid.cols <= r.lowResSize && r.grid.rows <= r.lowResSize, 'grid larger than the low-res frame')
  .refine((r) => r.cellMasks.length === r.indices.length * cellMaskBytes(r.grid), 'one packed cell mask per candidate')
  .refine((r) => r.shown < Math.max(1, r.indices.length), 'shown names no candidate')
  .refine(({ shownLogits: { window: w }, grid }) => w.c1 <= grid.cols && w.r1 <= grid.rows, 'shownLogits window outside the grid');

/** A candidate of a recent predict, by its maskInputId: its deciding logits, to draw it exactly. */
export const candidateLogitsRequestSchema = z.strictObject({ imageId: id, maskInputId: id });
