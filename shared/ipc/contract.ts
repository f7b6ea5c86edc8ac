/**
 * The renderer ↔ main contract, declared once. Each key `<service>:<method>` becomes the IPC channel
 * `samlabel:<service>:<method>`; main's register(), the preload bridge and the renderer client are all
 * derived from this object, so a channel cannot exist on one side only.
 *
 * Requests are strict objects: an unknown key is a BadInput, not something a handler silently ignores.
 * Coordinates are original image pixels (after EXIF orientation) — the renderer converts canvas → image
 * before sending; main converts image → model frame. Ids are opaque strings issued by main: the renderer
 * never names a file, it names something main already knows.
 */
import { z } from 'zod';

const finite = z.number().finite();
const count = z.number().int().nonnegative();
/** Issued by main (database row id, hash, …); opaque to the renderer. */
const id = z.string().min(1).max(256);

/** (X, Y) in original image pixels. */
const imagePointSchema = z.strictObject({ x: finite, y: finite });
/** [x0, y0, x1, y1] in original image pixels, top-left then bottom-right. */
const imageBoxSchema = z
  .strictObject({ x0: finite, y0: finite, x1: finite, y1: finite })
  .refine((b) => b.x0 <= b.x1 && b.y0 <= b.y1, 'box must be [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1');
/** SAM's click labels: 1 foreground, 0 background (box corners 2/3 are built by main, never sent). */
const clickLabelSchema = z.literal([0, 1]);

const appVersion = {
  request: z.undefined(),
  response: z.strictObject({ name: z.string(), version: z.string() }),
};

const engineSetImage = {
  request: z.strictObject({ imageId: id }),
  /** Size after EXIF orientation: the frame every ImagePoint of later predicts is in. */
  response: z.strictObject({
    imageId: id,
    width: count,
    height: count,
    cache: z.enum(['hit', 'miss']),
    timingsMs: z.strictObject({ encode: finite, total: finite }),
  }),
};

const enginePredict = {
  /** SamPredictor.predict: `imageId` must be the image of the last setImage, so a late click on a previous image fails loudly. */
  request: z
    .strictObject({
      imageId: id,
      pointCoords: z.array(imagePointSchema).max(64),
      pointLabels: z.array(clickLabelSchema).max(64),
      box: imageBoxSchema.optional(),
      /** An earlier candidate's `maskInputIds[i]`: its low-res logits stay in main and become SAM's mask_input. */
      maskInputId: id.optional(),
      multimaskOutput: z.boolean(),
    })
    .refine((r) => r.pointCoords.length === r.pointLabels.length, 'pointCoords and pointLabels must have the same length')
    .refine((r) => r.pointCoords.length > 0 || r.box !== undefined, 'a prompt needs at least one point or a box'),
  response: z
    .strictObject({
      /** Decoder output index of each candidate (1..3 for the multimask trio of a 4-mask export). */
      indices: z.array(count),
      iouPredictions: z.array(finite),
      /** candidates × lowResSize² logits (> 0 is inside), covering the padded 1024 model frame. */
      lowResLogits: z.instanceof(Float32Array),
      lowResSize: z.number().int().positive(),
      /** One id per candidate, to send back as `maskInputId` for the next refinement click. */
      maskInputIds: z.array(id),
    })
    .refine(
      (r) =>
        r.iouPredictions.length === r.indices.length &&
        r.maskInputIds.length === r.indices.length &&
        r.lowResLogits.length === r.indices.length * r.lowResSize * r.lowResSize,
      'one iouPrediction, maskInputId and lowResSize² logits per candidate',
    ),
};

const projectOpen = {
  /** Absolute path of a project folder, chosen by the user through main's native dialog or the recent list. */
  request: z.strictObject({ path: z.string().min(1).max(4096) }),
  response: z.strictObject({ projectId: id, name: z.string(), imageCount: count }),
};

const projectListImages = {
  /** Paged: a 10k-image folder must not cross IPC in one message. */
  request: z.strictObject({ offset: count, limit: z.number().int().min(1).max(1000) }),
  response: z.strictObject({
    total: count,
    images: z.array(
      z.strictObject({ imageId: id, fileName: z.string(), width: count, height: count, annotationCount: count }),
    ),
  }),
};

export const contract = {
  'app:version': appVersion,
  'engine:setImage': engineSetImage,
  'engine:predict': enginePredict,
  'project:open': projectOpen,
  'project:listImages': projectListImages,
} as const satisfies Record<`${string}:${string}`, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;

/** Every channel, in declaration order; what register() and buildApi() iterate. */
export const channels = Object.keys(contract) as Channel[];

/** The Electron IPC channel name; the prefix lets both ends refuse anything that is not samlabel's. */
export const ipcChannelName = (channel: Channel): `samlabel:${Channel}` => `samlabel:${channel}`;
