/**
 * The one main → renderer event channel (`samlabel:event` over Electron IPC, `{event: …}` messages on the
 * serve WebSocket). Events are notifications: the renderer never has to answer, and anything it must
 * know for sure it can also ask for through a contract channel (project:info, engine:precomputeStatus…).
 * Main validates every event before sending; the renderer validates what it receives.
 */
import { z } from 'zod';
import { count, engineInfoSchema, exportFormatSchema, id, precomputeStatusSchema, scanCountsSchema } from './schemas.js';
import { autoEventSchema } from './autoContract.js';

const errorSchema = z.strictObject({ code: z.string(), message: z.string() });

export const appEventSchema = z.discriminatedUnion('type', [
  /** project:scan in flight: counts so far, then the final counts. */
  z.strictObject({ type: z.literal('scan'), phase: z.enum(['progress', 'done', 'failed', 'cancelled']), counts: scanCountsSchema, error: errorSchema.optional() }),
  /** Background embedding queue: after every image and whenever the queue is replaced. */
  z.strictObject({ type: z.literal('precompute'), status: precomputeStatusSchema, imageId: id.optional(), error: errorSchema.optional() }),
  z.strictObject({
    type: z.literal('export'),
    exportId: id,
    format: exportFormatSchema,
    phase: z.enum(['started', 'progress', 'done', 'failed', 'cancelled']),
    outDir: z.string(),
    /** On progress: images written so far, of imagesTotal; on done: what was written. */
    images: count.optional(),
    imagesTotal: count.optional(),
    annotations: count.optional(),
    error: errorSchema.optional(),
  }),
  /** Engine state changes (starting / ready / restarting / failed), model and provider, warnings. */
  z.strictObject({ type: z.literal('engine'), info: engineInfoSchema }),
  /** The open project changed (opened, or images changed outside the current view: scan, undo…). */
  z.strictObject({ type: z.literal('project'), change: z.enum(['opened', 'images']), imageIds: z.array(id).optional() }),
  /** The project store's worker crashed: restarted (the project re-opened), or failed (too many crashes). */
  z.strictObject({ type: z.literal('store'), state: z.enum(['restarted', 'failed']), error: errorSchema }),
  /** Automatic mask generation jobs (auto:start, auto:startBatch). */
  autoEventSchema,
]);

export type AppEvent = z.infer<typeof appEventSchema>;
export type AppEventType = AppEvent['type'];

export { EVENT_CHANNEL } from './channelNames.js';
