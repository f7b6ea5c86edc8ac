import type { Dataset, DatasetAnnotation, DatasetCategory, DatasetImage } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { rleArea } from '../../../shared/masks/rle.js';
import { splitImages } from './split.js';
import type { ExportOptions, ExportPlan } from './types.js';

/** Categories in the order users gave them (then id): the order every format numbers its classes in. */
export function orderedCategories(categories: readonly DatasetCategory[]): DatasetCategory[] {
  return [...categories].sort((a, b) => a.order - b.order || a.id - b.id);
}

/** Paint order: higher z on top, ties by id, so overlaps resolve the same way in every format. */
export function byPaintOrder(a: DatasetAnnotation, b: DatasetAnnotation): number {
  return a.zOrder - b.zOrder || a.id - b.id;
}

/**
 * Decides once what every writer writes: images (no `missing` ones: there is no file to link), the `done` filter,
 * annotations per image in paint order, empty masks left out, images without annotations kept unless dropEmpty.
 */
export function planExport(dataset: Dataset, options: ExportOptions): ExportPlan {
  const categories = orderedCategories(dataset.categories);
  const categoryIndex = new Map(categories.map((c, i) => [c.id, i]));
  const byImage = new Map<number, DatasetAnnotation[]>();
  const emptyMasks: number[] = [];
  for (const ann of dataset.annotations) {
    if (!categoryIndex.has(ann.categoryId)) continue;
    if (rleArea(ann.rle) === 0) {
      emptyMasks.push(ann.id);
      continue;
    }
    const list = byImage.get(ann.imageId) ?? [];
    list.push(ann);
    byImage.set(ann.imageId, list);
  }
  const images = dataset.images.filter((img) => {
    if (img.status === 'missing' || (options.onlyDone === true && img.status !== 'done')) return false;
    return options.dropEmpty !== true || byImage.has(img.id);
  });
  refuseMismatchedMasks(images, byImage);
  const splits = splitImages(images, options.split, options.seed ?? 0).map(({ name, images: list }) => ({
    name,
    images: list.map((image) => ({ image, annotations: (byImage.get(image.id) ?? []).sort(byPaintOrder) })),
  }));
  return { categories, categoryIndex, splits, emptyMasks };
}

/**
 * A mask of another size than its image (the file was replaced by one of another size) has no right place in
 * any format: writing it would give out-of-range coordinates or wrongly sized label maps. Refuse, naming them.
 */
function refuseMismatchedMasks(images: readonly DatasetImage[], byImage: ReadonlyMap<number, DatasetAnnotation[]>): void {
  const bad: string[] = [];
  for (const img of images) {
    for (const ann of byImage.get(img.id) ?? []) {
      const [h, w] = ann.rle.size;
      if (h !== img.height || w !== img.width) bad.push(`${img.relPath} (annotation ${ann.id} is ${w}×${h}, the image ${img.width}×${img.height})`);
    }
  }
  if (bad.length === 0) return;
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
  throw new SamlabelError('ExportError', `masks of another size than their image: ${bad.slice(0, 3).join('; ')}${more}; rescan and review them first`);
}

/** The project folder, from any image (absPath ends with relPath); '.' for an export without images. */
export function projectRoot(plan: ExportPlan): string {
  const first = plan.splits.flatMap((s) => s.images)[0];
  if (first === undefined) return '.';
  const { absPath, relPath } = first.image;
  return absPath.slice(0, absPath.length - relPath.length) || '.';
}
