/**
 * Building blocks of the contract (contract.ts) and the event channel (events.ts): ids, coordinates,
 * records as they cross the boundary. Records are main's database rows re-shaped for the renderer:
 * every id is an opaque string (main's row id or handle), never a path.
 */
import { z } from 'zod';

export const finite = z.number().finite();
export const count = z.number().int().nonnegative();
/** Issued by main (database row id, candidate handle, …); opaque to the renderer. */
export const id = z.string().min(1).max(256);

/** (X, Y) in original image pixels (after EXIF orientation). */
export const imagePointSchema = z.strictObject({ x: finite, y: finite });
/** [x0, y0, x1, y1] in original image pixels, top-left then bottom-right. */
export const imageBoxSchema = z
  .strictObject({ x0: finite, y0: finite, x1: finite, y1: finite })
  .refine((b) => b.x0 <= b.x1 && b.y0 <= b.y1, 'box must be [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1');
/** SAM's click labels: 1 foreground, 0 background (box corners 2/3 are built by main, never sent). */
export const clickLabelSchema = z.literal([0, 1]);

/** The prompts that produced a mask; what an accept records with the annotation. */
export const promptsSchema = z
  .strictObject({
    pointCoords: z.array(imagePointSchema).max(64),
    pointLabels: z.array(clickLabelSchema).max(64),
    box: imageBoxSchema.optional(),
  })
  .refine((p) => p.pointCoords.length === p.pointLabels.length, 'pointCoords and pointLabels must have the same length')
  .refine((p) => p.pointCoords.length > 0 || p.box !== undefined, 'a prompt needs at least one point or a box');

/** Settable statuses; 'missing' is the scan's verdict and cannot be set. */
export const settableStatusSchema = z.enum(['new', 'in_progress', 'done', 'skipped']);
export const imageStatusSchema = z.enum(['new', 'in_progress', 'done', 'skipped', 'missing']);

/** One image as the gallery lists it. URLs are same-origin and answer by id only. */
export const imageSummarySchema = z.strictObject({
  imageId: id,
  /** Path relative to the project folder, '/' separators: shown, never used to load anything. */
  fileName: z.string(),
  /** After EXIF orientation: the size the editor displays and every prompt is in. */
  width: count,
  height: count,
  status: imageStatusSchema,
  annotationCount: count,
  /** Full image as the browser can display it (transcoded when needed, EXIF applied). */
  url: z.string(),
  /** Small JPEG for the gallery (longest side 256 px). */
  thumbUrl: z.string(),
});

/** COCO compressed RLE: size [height, width], column-major counts string. */
export const rleSchema = z.strictObject({ size: z.tuple([count, count]), counts: z.string() });
export const attributeValueSchema = z.union([z.string().max(4096), finite, z.boolean()]);
export const attributesSchema = z.record(z.string().min(1).max(128), attributeValueSchema);

export const annotationSchema = z.strictObject({
  annotationId: id,
  imageId: id,
  labelId: id,
  rle: rleSchema,
  area: count,
  /** [x, y, width, height] in image pixels. */
  bbox: z.tuple([finite, finite, finite, finite]),
  source: z.enum(['click', 'box', 'auto', 'import']),
  /** SAM's predicted IoU, when the mask came from the model. */
  score: finite.nullable(),
  /** Stability score of the full-resolution mask, when the mask came from the model. */
  stability: finite.nullable(),
  attributes: attributesSchema,
  /** Paint order, bottom to top. */
  zOrder: z.number().int(),
  /**
   * Flagged for a person to check again (an automatic or imported mask, an image whose pixel size
   * changed), with the reason in words; null when there is nothing to check.
   */
  review: z.strictObject({ reason: z.string() }).nullable(),
});

/** '#rrggbb'. */
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
/** One key that picks the label in the editor (the store refuses keys taken by another label). */
export const hotkeySchema = z.string().min(1).max(16);

export const labelSchema = z.strictObject({
  labelId: id,
  name: z.string(),
  color: colorSchema,
  order: z.number().int(),
  hotkey: z.string().nullable(),
  annotationCount: count,
});

/** Which undo stack: one image's annotation edits, or the project's label edits. */
export const undoScopeSchema = z.union([z.strictObject({ imageId: id }), z.literal('project')]);
export const historyStateSchema = z.strictObject({
  /** Description of what undo would revert, null when nothing. */
  undo: z.string().nullable(),
  redo: z.string().nullable(),
});

export const scanCountsSchema = z.strictObject({
  files: count,
  added: count,
  changed: count,
  relinked: count,
  restored: count,
  unchanged: count,
  missing: count,
  failed: count,
  /** Images whose pixel size changed, and the masks flagged 'needs review' because of it. */
  resized: count.optional(),
  needsReview: count.optional(),
});

export const statusCountsSchema = z.strictObject({ new: count, in_progress: count, done: count, skipped: count, missing: count });

export const projectSummarySchema = z.strictObject({
  projectId: id,
  /** The folder's base name. */
  name: z.string(),
  /** Absolute folder, shown in the title bar and the recent list. */
  folder: z.string(),
  imageCount: count,
  images: statusCountsSchema,
  labelCount: count,
  annotationCount: count,
});

export const engineStateSchema = z.enum(['starting', 'ready', 'restarting', 'failed', 'closed']);
export const engineInfoSchema = z.strictObject({
  state: engineStateSchema,
  /** e.g. 'builtin-classic' or the encoder file name. */
  modelId: z.string(),
  /** The execution provider asked for (settings / --provider). */
  requestedProvider: z.string(),
  /** The provider actually running; differs from requestedProvider after a fallback (warn the user). */
  provider: z.string(),
  lowResSize: count,
  warnings: z.array(z.string()),
});

export const precomputeStatusSchema = z.strictObject({
  /** Images waiting, in the order they will be encoded. */
  queued: count,
  /** Encoded since the queue was last replaced. */
  done: count,
  /** The image being encoded now. */
  current: id.nullable(),
  failed: count,
});

export const EXPORT_FORMAT_NAMES = ['coco', 'yolo-seg', 'labelme', 'masks-png', 'voc'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMAT_NAMES);

export const settingsSchema = z.strictObject({
  /** Background embedding precompute: how many images beyond the current one (0 = off). */
  precomputeAhead: z.number().int().min(0).max(1000),
  /** Show the mask under the resting pointer. */
  hoverPreview: z.boolean(),
  /** Delay before a resting pointer asks for a preview. */
  hoverDelayMs: z.number().int().min(0).max(5000),
});
export const settingsPatchSchema = settingsSchema.partial();
