/**
 * The renderer ↔ main contract, declared once. Each key `<service>:<method>` becomes the IPC channel
 * `samlabel:<service>:<method>` (Electron) and the RPC method of the same name (serve, WebSocket);
 * main's register(), the preload bridge, the serve RPC and the renderer client are all derived from
 * this object, so a channel cannot exist on one side only. docs/APP-CONTRACT.md describes each one.
 *
 * Requests are strict objects: an unknown key is a BadInput, not something a handler silently ignores.
 * Coordinates are original image pixels (after EXIF orientation) — the renderer converts canvas → image
 * before sending; main converts image → model frame. Ids are opaque strings issued by main: the renderer
 * never names a file, it names something main already knows (the one path it sends is project:open's,
 * which serve refuses for anything but the served folder).
 */
import { z } from 'zod';
import {
  annotationSchema,
  attributesSchema,
  colorSchema,
  count,
  engineInfoSchema,
  exportFormatSchema,
  finite,
  historyStateSchema,
  hotkeySchema,
  id,
  imageBoxSchema,
  imagePointSchema,
  clickLabelSchema,
  imageStatusSchema,
  imageSummarySchema,
  labelSchema,
  precomputeStatusSchema,
  projectSummarySchema,
  promptsSchema,
  scanCountsSchema,
  settableStatusSchema,
  settingsPatchSchema,
  settingsSchema,
  undoScopeSchema,
} from './schemas.js';
import { autoChannels } from './autoContract.js';
import { candidateLogitsRequestSchema, predictRequestSchema, predictResponseSchema, windowedLogitsSchema } from './predictSchemas.js';

const none = z.undefined();
const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({ request, response });

// ── app ────────────────────────────────────────────────────────────────────────────────────────
const app = {
  'app:version': channel(none, z.strictObject({ name: z.string(), version: z.string() })),
  /** Where the renderer runs: the desktop app can pick folders; serve has one folder, already open. */
  'app:environment': channel(
    none,
    z.strictObject({ mode: z.enum(['electron', 'serve']), canPickFolder: z.boolean(), platform: z.string() }),
  ),
  'app:getSettings': channel(none, settingsSchema),
  /** Changes the given keys; answers the whole settings object after the change. */
  'app:setSettings': channel(settingsPatchSchema, settingsSchema),
};

// ── project ────────────────────────────────────────────────────────────────────────────────────
const listImagesRequest = z.strictObject({
  /** Paged: a 100k-image folder must not cross the boundary in one message. */
  offset: count,
  limit: z.number().int().min(1).max(1000),
  /** Only images with one of these statuses (absent: all). */
  status: z.array(imageStatusSchema).min(1).max(5).optional(),
  /** Only images with at least one annotation of this label. */
  labelId: id.optional(),
});

const project = {
  /** Native folder dialog (Electron); `{path: null}` when cancelled. Serve answers BadInput (canPickFolder false). */
  'project:pickFolder': channel(none, z.strictObject({ path: z.string().nullable() })),
  /** Opens (creating `.samlabel/` on first use) the folder; closes the project open before. Serve: only the served folder. */
  'project:open': channel(z.strictObject({ path: z.string().min(1).max(4096) }), projectSummarySchema),
  'project:recent': channel(none, z.strictObject({ projects: z.array(z.strictObject({ folder: z.string(), name: z.string(), openedAt: count })) })),
  /** The open project, or null (serve opens its folder at start, so the renderer finds it here). */
  'project:current': channel(none, z.strictObject({ project: projectSummarySchema.nullable() })),
  /** Fresh counts of the open project. */
  'project:info': channel(none, projectSummarySchema),
  /** Brings the images in line with the folder; `scan` events report progress; resolves when done. */
  'project:scan': channel(none, z.strictObject({ ...scanCountsSchema.shape, cancelled: z.boolean(), failures: z.array(z.strictObject({ fileName: z.string(), code: z.string(), message: z.string() })) })),
  'project:cancelScan': channel(none, z.strictObject({ cancelled: z.boolean() })),
  /** Images in path order, filtered. */
  'project:listImages': channel(listImagesRequest, z.strictObject({ total: count, images: z.array(imageSummarySchema) })),
  /** The next / previous image in path order from `imageId` matching the filter (e.g. not done), or null. */
  'project:findImage': channel(
    z.strictObject({
      from: id,
      direction: z.enum(['next', 'previous']),
      status: z.array(imageStatusSchema).min(1).max(5).optional(),
      labelId: id.optional(),
    }),
    z.strictObject({ imageId: id.nullable() }),
  ),
  /** Journaled: undoable on the image's stack. */
  'project:setImageStatus': channel(z.strictObject({ imageId: id, status: settableStatusSchema }), imageSummarySchema),
};

// ── image ──────────────────────────────────────────────────────────────────────────────────────
const image = {
  /** One image's display URL, thumbnail URL and size after EXIF orientation (== the engine's size). */
  'image:info': channel(z.strictObject({ imageId: id }), imageSummarySchema),
};

// ── engine ─────────────────────────────────────────────────────────────────────────────────────
const engine = {
  /** Makes `imageId` the engine's current image (encoder run, or an embedding cache hit). */
  'engine:setImage': channel(
    z.strictObject({ imageId: id }),
    z.strictObject({
      imageId: id,
      /** Size after EXIF orientation: the frame every ImagePoint of later predicts is in. */
      width: count,
      height: count,
      cache: z.enum(['hit', 'miss']),
      timingsMs: z.strictObject({ encode: finite, total: finite }),
    }),
  ),
  'engine:predict': channel(predictRequestSchema, predictResponseSchema),
  /** The deciding logits of a recent candidate (one the predict answer did not carry), to draw it exactly. */
  'engine:candidateLogits': channel(candidateLogitsRequestSchema, windowedLogitsSchema),
  /** Replaces the background embedding queue with these images, in priority order (current, next, previous, …). */
  'engine:precompute': channel(z.strictObject({ imageIds: z.array(id).max(1000) }), precomputeStatusSchema),
  'engine:precomputeStatus': channel(none, precomputeStatusSchema),
  /** Model, provider (requested and actual), state and warnings. */
  'engine:info': channel(none, engineInfoSchema),
};

// ── annotations ────────────────────────────────────────────────────────────────────────────────
const annotations = {
  /** An image's annotations, bottom to top. */
  'annotations:list': channel(z.strictObject({ imageId: id }), z.strictObject({ annotations: z.array(annotationSchema) })),
  /**
   * Keeps a candidate: main upsamples the candidate's low-res logits to full resolution ONCE, binarises,
   * stores the RLE with score and stability (one journaled change: undoable). A 'new' image becomes 'in_progress'.
   */
  'annotations:accept': channel(
    z.strictObject({ imageId: id, maskInputId: id, labelId: id, prompts: promptsSchema, attributes: attributesSchema.optional() }),
    annotationSchema,
  ),
  /** `reviewed: true` clears the needs-review flag (undo restores it); one undo step per update. */
  'annotations:update': channel(
    z
      .strictObject({ annotationId: id, labelId: id.optional(), attributes: attributesSchema.optional(), reviewed: z.literal(true).optional() })
      .refine((r) => r.labelId !== undefined || r.attributes !== undefined || r.reviewed !== undefined, 'nothing to update: give labelId, attributes or reviewed'),
    annotationSchema,
  ),
  /** Clears the needs-review flag of every annotation of one image (one undo step; 0 cleared is no step). */
  'annotations:markReviewed': channel(z.strictObject({ imageId: id }), z.strictObject({ cleared: count })),
  'annotations:delete': channel(z.strictObject({ annotationIds: z.array(id).min(1).max(10_000) }), z.strictObject({ deleted: count })),
  /** New paint order of one image: all its annotation ids, bottom to top (one undo step). */
  'annotations:reorder': channel(
    z.strictObject({ imageId: id, annotationIds: z.array(id).max(100_000) }),
    z.strictObject({ annotations: z.array(annotationSchema) }),
  ),
};

// ── labels ─────────────────────────────────────────────────────────────────────────────────────
const labelName = z.string().trim().min(1).max(200);
const labels = {
  'labels:list': channel(none, z.strictObject({ labels: z.array(labelSchema) })),
  'labels:add': channel(z.strictObject({ name: labelName, color: colorSchema.optional(), hotkey: hotkeySchema.nullable().optional() }), labelSchema),
  'labels:rename': channel(z.strictObject({ labelId: id, name: labelName }), labelSchema),
  'labels:recolour': channel(z.strictObject({ labelId: id, color: colorSchema }), labelSchema),
  'labels:setHotkey': channel(z.strictObject({ labelId: id, hotkey: hotkeySchema.nullable() }), labelSchema),
  /** The store's rules: a label in use is refused (LabelInUse) unless `cascade` deletes or `reassignTo` moves its annotations. */
  'labels:remove': channel(
    z
      .strictObject({ labelId: id, cascade: z.boolean().optional(), reassignTo: id.optional() })
      .refine((r) => !(r.cascade === true && r.reassignTo !== undefined), 'choose either cascade or reassignTo'),
    z.strictObject({ affected: count }),
  ),
};

// ── history ────────────────────────────────────────────────────────────────────────────────────
const historyStep = z.strictObject({
  description: z.string(),
  /** Images whose annotations or status changed: what to redraw / re-list. */
  imageIds: z.array(id),
  state: historyStateSchema,
});
const history = {
  /** NothingToUndo when the stack is empty; UndoConflict when a later edit blocks it. */
  'history:undo': channel(z.strictObject({ scope: undoScopeSchema }), historyStep),
  'history:redo': channel(z.strictObject({ scope: undoScopeSchema }), historyStep),
  'history:state': channel(z.strictObject({ scope: undoScopeSchema }), historyStateSchema),
};

// ── export ─────────────────────────────────────────────────────────────────────────────────────
const exportChannels = {
  /**
   * Starts an export into `<project>/exports/<format>-<timestamp>/` (never a path from the renderer);
   * answers at once; `export` events report started / done / failed / cancelled.
   */
  'export:start': channel(
    z.strictObject({
      format: exportFormatSchema,
      cocoSeg: z.enum(['polygon', 'rle']).optional(),
      onlyDone: z.boolean().optional(),
      dropEmpty: z.boolean().optional(),
    }),
    z.strictObject({ exportId: id, outDir: z.string() }),
  ),
  'export:cancel': channel(z.strictObject({ exportId: id }), z.strictObject({ cancelled: z.boolean() })),
};

export const contract = {
  ...app,
  ...project,
  ...image,
  ...engine,
  ...annotations,
  ...labels,
  ...history,
  ...exportChannels,
  ...autoChannels,
} as const satisfies Record<`${string}:${string}`, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;

/** Every channel, in declaration order; what register(), buildApi() and the serve RPC iterate. */
export const channels = Object.keys(contract) as Channel[];

export { ipcChannelName } from './channelNames.js';

export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.hasOwn(contract, name);
