import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { circleToRle } from '../../../shared/masks/circleRaster.js';
import { polygonsToRle } from '../../../shared/masks/polygonRaster.js';
import { unionRles } from '../../../shared/masks/rleUnion.js';
import type { UncompressedRle } from '../../../shared/masks/types.js';
import { probeImage } from '../../imaging/probeImage.js';
import { MANIFEST_FILE } from '../export/manifest.js';
import { DatasetBuilder, type ImportRead, type Origin, type ReadOptions } from './builder.js';
import { probeImageFile } from './imageFile.js';
import { checkImageSize, coordinateProblem, emptyReason, MAX_JSON_BYTES } from './limits.js';
import { decodeBinaryPng, placePatch } from './maskPatch.js';
import { readText, statChecked } from './safeRead.js';
import { cleanAttributes, parseJson, relPathOf, walkFiles } from './sources.js';

const point = z.tuple([z.number(), z.number()]);

const shapeSchema = z.object({
  label: z.union([z.string(), z.number()]).transform(String),
  points: z.array(point),
  group_id: z.number().nullish(),
  shape_type: z.string().nullish(),
  flags: z.record(z.string(), z.unknown()).nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  mask: z.string().nullish(),
});

/** Shapes are checked one by one: one bad shape is reported, not the whole file lost. */
const labelmeSchema = z.object({
  imagePath: z.string(),
  shapes: z.array(z.unknown()),
  imageData: z.string().nullish(),
  imageHeight: z.number().nullish(),
  imageWidth: z.number().nullish(),
});

type Shape = z.infer<typeof shapeSchema>;
type LabelmeDocument = z.infer<typeof labelmeSchema>;
interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * labelme JSON files: one file, or every labelme JSON under a folder (other JSON files are reported and passed
 * over). Image paths are relative to their JSON; the project path is relative to the folder read. Shapes sharing a
 * label and a group_id are one instance (as labelme's own shapes_to_label has it); polygons, rectangles, circles
 * and masks have area, lines and points do not and are reported as skipped.
 */
export async function readLabelme(path: string, options: ReadOptions = {}): Promise<ImportRead> {
  const isDir = (await statChecked(path, 'labelme file or folder')).isDirectory;
  const root = isDir ? path : dirname(path);
  const files = isDir ? await walkFiles(path, (n) => n.toLowerCase().endsWith('.json') && n !== MANIFEST_FILE) : [path];
  const builder = new DatasetBuilder(options);
  for (const file of files) {
    const doc = await loadDocument(builder, file, root, !isDir);
    if (doc !== null) await addDocument(builder, doc, file, root, options);
  }
  return builder.result();
}

/** A file named on the command line must be labelme JSON; in a folder, other JSON files are reported and passed over. */
async function loadDocument(builder: DatasetBuilder, file: string, root: string, strict: boolean): Promise<LabelmeDocument | null> {
  try {
    return parseJson(file, await readText(file, { what: 'labelme JSON', maxBytes: MAX_JSON_BYTES, root }), labelmeSchema);
  } catch (err) {
    if (strict || !isSamlabelError(err, 'ImportError')) throw err;
    builder.skipImage(undefined, file, 'unreadable', `not a labelme file: ${err.message}`);
    return null;
  }
}

async function addDocument(builder: DatasetBuilder, doc: LabelmeDocument, file: string, root: string, options: ReadOptions): Promise<void> {
  // labelme normalises Windows paths (PureWindowsPath(...).as_posix()).
  const imageFile = join(dirname(file), doc.imagePath.split('\\').join('/'));
  const relPath = relPathOf(root, imageFile);
  let size: Size;
  try {
    size = await imageSize(doc, file, () => probeImageFile(imageFile, root, options));
  } catch (err) {
    if (!isSamlabelError(err)) throw err;
    return builder.skipImage(relPath, file, 'unreadable', err.message);
  }
  const imageId = builder.addImage(relPath, imageFile, size.width, size.height);
  const shapes: Array<{ shape: Shape; index: number }> = [];
  doc.shapes.forEach((raw, index) => {
    const parsed = shapeSchema.safeParse(raw);
    if (parsed.success) shapes.push({ shape: parsed.data, index });
    else builder.skipAnnotation(imageId, { file, item: `shapes.${index}` }, 'bad-geometry', `${parsed.error.issues[0].path.join('.') || 'shape'}: ${parsed.error.issues[0].message}`);
  });
  for (const group of instances(shapes)) {
    const origin: Origin = { file, item: group.map((g) => `shapes.${g.index}`).join('+') };
    const rles = group.flatMap((g) => shapeRle(builder, imageId, g.shape, size, { file, item: `shapes.${g.index}` }) ?? []);
    if (rles.length === 0) continue;
    const first = group[0].shape;
    const rle = rles.length === 1 ? rles[0] : unionRles(rles, size.height, size.width);
    const fields = { iscrowd: first.flags?.iscrowd === true ? (1 as const) : (0 as const), attributes: cleanAttributes(first.attributes) };
    const why = emptyReason(group.flatMap((g) => g.shape.points.flat()), size.width, size.height);
    builder.addAnnotation(imageId, builder.category(first.label), rle, fields, origin, why);
  }
}

/** imageHeight/imageWidth when the file gives them (labelme writes them), else the embedded or linked image's size. */
async function imageSize(doc: LabelmeDocument, file: string, probeFile: () => Promise<Size>): Promise<Size> {
  const { imageHeight: height, imageWidth: width } = doc;
  if (typeof height === 'number' && typeof width === 'number') return checkImageSize(width, height, file);
  if (typeof doc.imageData === 'string' && doc.imageData !== '') {
    const probe = await probeImage(Buffer.from(doc.imageData, 'base64'), { source: `${file}: imageData` });
    return checkImageSize(probe.width, probe.height, file);
  }
  const probe = await probeFile();
  return checkImageSize(probe.width, probe.height, file);
}

/** Shapes grouped by (label, group_id) in first-seen order; a shape without group_id is an instance of its own. */
function instances<T extends { shape: Shape }>(shapes: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  shapes.forEach((s, i) => {
    const key = s.shape.group_id === null || s.shape.group_id === undefined ? `#${i}` : `${s.shape.label}\u0000${s.shape.group_id}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  });
  return [...groups.values()];
}

/** One shape's pixels in the image, or null after reporting why it has none. */
function shapeRle(builder: DatasetBuilder, imageId: number, shape: Shape, size: Size, origin: Origin): UncompressedRle | null {
  const skip = (reason: 'degenerate' | 'bad-geometry' | 'unsupported-shape', detail: string): null => {
    builder.skipAnnotation(imageId, origin, reason, detail);
    return null;
  };
  const type = shape.shape_type ?? 'polygon';
  const p = shape.points;
  const problem = coordinateProblem(p.flat(), size.width, size.height);
  if (problem !== null) return skip('bad-geometry', problem);
  try {
    if ((type === 'polygon' || type === 'oriented_rectangle') && p.length >= 3) return polygonsToRle([p.flat()], size.height, size.width);
    if (type === 'rectangle' && p.length === 2) {
      const [[x0, y0], [x1, y1]] = p;
      return polygonsToRle([[x0, y0, x1, y0, x1, y1, x0, y1]], size.height, size.width);
    }
    if (type === 'circle' && p.length === 2) {
      const [[cx, cy], [px, py]] = p;
      return circleToRle(cx, cy, Math.hypot(px - cx, py - cy), size.height, size.width);
    }
    if (type === 'mask' && p.length === 2) return maskShapeRle(shape, size, `${origin.file}: ${origin.item}`);
  } catch (err) {
    if (isSamlabelError(err, 'BadInput') || isSamlabelError(err, 'ImportError')) return skip('bad-geometry', err.message);
    throw err;
  }
  if (['polygon', 'oriented_rectangle', 'rectangle', 'circle', 'mask'].includes(type)) return skip('degenerate', `a ${type} with ${p.length} points`);
  if (['line', 'linestrip', 'point', 'points'].includes(type)) return skip('degenerate', `a ${type} has no area`);
  return skip('unsupported-shape', `shape_type "${type}" is not imported`);
}

/**
 * labelme's `mask` shape: a base64 PNG whose top-left pixel sits at the first point, rounded (labelme ≥ 5.5's
 * shapes_to_label: `origin.round()`, then the PNG's own size; older versions used the two-point box inclusively,
 * which is the same for the integer boxes labelme writes). Pixels outside the image are dropped, as labelme does.
 */
function maskShapeRle(shape: Shape, size: Size, where: string): UncompressedRle {
  if (typeof shape.mask !== 'string' || shape.mask === '') throw new SamlabelError('ImportError', `${where}: a mask shape without its mask`);
  const patch = decodeBinaryPng(Buffer.from(shape.mask, 'base64'), 2 * size.width + 1, 2 * size.height + 1, where);
  const [x0, y0] = shape.points[0].map(roundHalfEven);
  return placePatch(patch, x0, y0, size.height, size.width);
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
