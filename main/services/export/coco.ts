import { join } from 'node:path';
import type { DatasetAnnotation, DatasetImage } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { rleToPolygons } from '../../../shared/masks/polygon.js';
import { rleArea, rleToBbox, toCompressed } from '../../../shared/masks/rle.js';
import type { CompressedRle } from '../../../shared/masks/types.js';
import { jsonText } from './files.js';
import type { ExportOutput } from './output.js';
import type { ExportOptions, ExportPlan, ExportSplit, WrittenAnnotation, WriterOutput } from './types.js';

/**
 * COCO instances JSON, one file per split (`instances_<split>.json`) at the export root, images under `images/`;
 * `file_name` is relative to the export root (and so to the JSON). Ids are 1-based and sequential in file order.
 */
export interface CocoAnnotationJson {
  id: number;
  image_id: number;
  category_id: number;
  segmentation: number[][] | CompressedRle;
  area: number;
  bbox: [number, number, number, number];
  iscrowd: 0 | 1;
  score?: number;
  attributes?: Record<string, string | number | boolean>;
}

export const COCO_IMAGE_DIR = 'images';

export function cocoJsonPath(outDir: string, split: string): string {
  return join(outDir, `instances_${split}.json`);
}

export async function writeCoco(plan: ExportPlan, options: ExportOptions, out: ExportOutput): Promise<WriterOutput> {
    const written: WrittenAnnotation[] = [];
  for (const split of plan.splits) {
    await out.file(cocoJsonPath(options.outDir, split.name), jsonText(cocoDocument(plan, split, options, written)));
    for (const { image } of split.images) {
      await out.image(image.absPath, join(options.outDir, COCO_IMAGE_DIR, image.relPath));
      out.imageDone();
    }
  }
  return { written, readBack: options.outDir };
}

function cocoDocument(plan: ExportPlan, split: ExportSplit, options: ExportOptions, written: WrittenAnnotation[]): object {
  const images: object[] = [];
  const annotations: CocoAnnotationJson[] = [];
  split.images.forEach(({ image, annotations: anns }, i) => {
    images.push({ id: i + 1, file_name: `${COCO_IMAGE_DIR}/${image.relPath}`, width: image.width, height: image.height });
    for (const ann of anns) {
      const category = (plan.categoryIndex.get(ann.categoryId) ?? 0) + 1;
      const record = cocoAnnotation(ann, image, options);
      annotations.push({ id: annotations.length + 1, image_id: i + 1, category_id: category, ...record.json });
      written.push({ annotationId: ann.id, imageRelPath: image.relPath, units: 1, exact: record.exact });
    }
  });
  const categories = plan.categories.map((c, i) => ({ id: i + 1, name: c.name, supercategory: c.supercategory }));
  return { info: { description: 'samlabel export', version: '1.0' }, licenses: [], images, annotations, categories };
}

type AnnotationBody = Omit<CocoAnnotationJson, 'id' | 'image_id' | 'category_id'>;

/** area and bbox always come from the mask; polygons only where they lose nothing a COCO reader would keep. */
export function cocoAnnotation(ann: DatasetAnnotation, image: DatasetImage, options: ExportOptions): { json: AnnotationBody; exact: boolean } {
  const [h, w] = ann.rle.size;
  if (h !== image.height || w !== image.width) {
    throw new SamlabelError('ExportError', `annotation ${ann.id} on ${image.relPath} is ${w}×${h}, the image ${image.width}×${image.height}`);
  }
  const base = { area: rleArea(ann.rle), bbox: rleToBbox(ann.rle), iscrowd: ann.iscrowd };
  const extra = {
    ...(ann.score === null ? {} : { score: ann.score }),
    ...(Object.keys(ann.attributes).length === 0 ? {} : { attributes: { ...ann.attributes } }),
  };
  const polygons = ann.iscrowd === 1 || options.cocoSeg === 'rle' ? null : polygonSegmentation(ann, options.simplify ?? 0);
  if (polygons === null) return { json: { segmentation: toCompressed(ann.rle), ...base, ...extra }, exact: true };
  return { json: { segmentation: polygons, ...base, ...extra }, exact: false };
}

/** One polygon per part; null when a part has a hole: COCO unions polygons, so a hole would be filled. */
function polygonSegmentation(ann: DatasetAnnotation, epsilon: number): number[][] | null {
  const parts = rleToPolygons(ann.rle, { epsilon });
  if (parts.some((p) => p.holes.length > 0)) return null;
  return parts.map((p) => p.outer);
}
