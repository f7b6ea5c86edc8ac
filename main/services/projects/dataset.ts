import { join } from 'node:path';
import type { Dataset, DatasetAnnotation, DatasetCategory, DatasetImage } from '../../../shared/dataset.js';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { iterateAllAnnotations, listAnnotations } from '../../db/annotations.js';
import { imageStack, journaled, type Changeset } from '../../db/changeset.js';
import { writeTransaction } from '../../db/connection.js';
import { findImageByPath, iterateImages } from '../../db/images.js';
import { findLabelByName, listLabels } from '../../db/labels.js';
import type { ImageRecord } from '../../db/records.js';
import { insertAnnotations } from '../annotations/annotations.js';
import { toCompressedRle } from '../annotations/cocoRle.js';
import { insertLabel } from '../labels/labels.js';
import type { Project } from './project.js';

/** The project as exporters see it: every image (missing ones included, with their status), label and annotation. */
export function projectToDataset(project: Project): Dataset {
  const images: DatasetImage[] = [];
  for (const img of iterateImages(project.db)) {
    images.push({ ...pick(img), absPath: join(project.paths.folder, ...img.relPath.split('/')) });
  }
  const categories: DatasetCategory[] = listLabels(project.db).map((l) => ({
    id: l.id,
    name: l.name,
    color: l.color,
    supercategory: l.supercategory,
    order: l.order,
  }));
  const annotations: DatasetAnnotation[] = [];
  for (const a of iterateAllAnnotations(project.db)) {
    const review = a.review === null ? {} : { needsReview: true };
    annotations.push({ id: a.id, imageId: a.imageId, categoryId: a.labelId, rle: a.rle, iscrowd: a.iscrowd, score: a.score, zOrder: a.zOrder, attributes: a.attributes, ...review });
  }
  return { images, categories, annotations };
}

const pick = (img: ImageRecord) => ({ id: img.id, relPath: img.relPath, width: img.width, height: img.height, status: img.status });

export interface ImportOptions {
  /** merge: add to what is there (exact duplicates skipped); replace: the dataset's images lose their current annotations first. */
  readonly mode: 'merge' | 'replace';
}

export interface ImportResult {
  readonly imagesMatched: number;
  /** Dataset images with no project image at the same relative path (their annotations are not imported). */
  readonly unmatchedImages: string[];
  readonly categoriesCreated: string[];
  readonly annotationsAdded: number;
  readonly annotationsRemoved: number;
  readonly duplicatesSkipped: number;
}

/**
 * Writes a dataset into the project in one transaction (all or nothing). Images match by relative
 * path, categories by name (case-insensitive, missing ones created); annotations are recorded with
 * source 'import'. Undo: new categories are one change on the project stack, each image's
 * annotations one change on its image stack.
 */
export function importDataset(project: Project, dataset: Dataset, opts: ImportOptions): ImportResult {
  project.assertWritable();
  if (opts.mode !== 'merge' && opts.mode !== 'replace') throw new SamlabelError('BadInput', `import mode must be merge or replace`);
  const byImage = groupAnnotations(dataset);
  return writeTransaction(project.db, () => {
    const created: string[] = [];
    const labelOf = journaled(project.db, 'project', 'import categories', (cs) => ensureCategories(cs, dataset.categories, created));
    const result = { imagesMatched: 0, unmatchedImages: [] as string[], annotationsAdded: 0, annotationsRemoved: 0, duplicatesSkipped: 0 };
    for (const img of dataset.images) {
      const target = findImageByPath(project.db, normalizeRelPath(img.relPath));
      if (!target) {
        result.unmatchedImages.push(img.relPath);
        continue;
      }
      result.imagesMatched += 1;
      journaled(project.db, imageStack(target.id), 'import annotations', (cs) =>
        importImage(cs, target, byImage.get(img.id) ?? [], labelOf, opts.mode, result),
      );
    }
    return { ...result, categoriesCreated: created };
  });
}

function groupAnnotations(dataset: Dataset): Map<number, DatasetAnnotation[]> {
  const imageIds = new Set(dataset.images.map((i) => i.id));
  const categoryIds = new Set(dataset.categories.map((c) => c.id));
  const byImage = new Map<number, DatasetAnnotation[]>();
  for (const a of dataset.annotations) {
    if (!imageIds.has(a.imageId)) throw new SamlabelError('ImportError', `annotation ${a.id} refers to unknown image ${a.imageId}`);
    if (!categoryIds.has(a.categoryId)) throw new SamlabelError('ImportError', `annotation ${a.id} refers to unknown category ${a.categoryId}`);
    byImage.set(a.imageId, [...(byImage.get(a.imageId) ?? []), a]);
  }
  return byImage;
}

/** Dataset category id → project label id, creating labels for names the project lacks. */
function ensureCategories(cs: Changeset, categories: readonly DatasetCategory[], created: string[]): Map<number, number> {
  const labelOf = new Map<number, number>();
  for (const c of [...categories].sort((a, b) => a.order - b.order)) {
    const existing = findLabelByName(cs.db, c.name.trim());
    if (existing) {
      labelOf.set(c.id, existing.id);
      continue;
    }
    const color = /^#[0-9a-f]{6}$/i.test(c.color) ? c.color : undefined;
    labelOf.set(c.id, insertLabel(cs, { name: c.name, color, supercategory: c.supercategory }).id);
    created.push(c.name.trim());
  }
  return labelOf;
}

interface Counters {
  annotationsAdded: number;
  annotationsRemoved: number;
  duplicatesSkipped: number;
}

function importImage(cs: Changeset, image: ImageRecord, anns: DatasetAnnotation[], labelOf: Map<number, number>, mode: ImportOptions['mode'], n: Counters): void {
  const existing = listAnnotations(cs.db, image.id);
  if (mode === 'replace') {
    existing.forEach((a) => cs.delete('annotations', a.id, 'AnnotationNotFound'));
    n.annotationsRemoved += existing.length;
  }
  const seen = new Set(mode === 'merge' ? existing.map((a) => `${a.labelId}|${a.rle.counts}`) : []);
  const inputs = [];
  for (const a of anns) {
    const labelId = labelOf.get(a.categoryId) as number;
    const input = { labelId, rle: a.rle, source: 'import' as const, score: a.score, iscrowd: a.iscrowd, zOrder: a.zOrder, attributes: a.attributes };
    const key = `${labelId}|${compressedCounts(a, image)}`;
    if (seen.has(key)) {
      n.duplicatesSkipped += 1;
      continue;
    }
    seen.add(key);
    inputs.push(input);
  }
  n.annotationsAdded += inputs.length;
  if (inputs.length === 0) return;
  try {
    insertAnnotations(cs, image, inputs);
  } catch (err) {
    if (isSamlabelError(err, 'BadInput')) throw new SamlabelError('ImportError', `${image.relPath}: ${err.message}`);
    throw err;
  }
}

/** The stored form of an annotation's mask (for duplicate checks); a bad mask fails the whole import. */
function compressedCounts(a: DatasetAnnotation, image: ImageRecord): string {
  try {
    return toCompressedRle(a.rle).counts;
  } catch (err) {
    if (isSamlabelError(err)) throw new SamlabelError('ImportError', `${image.relPath}: annotation ${a.id}: ${err.message}`);
    throw err;
  }
}

/** Dataset paths may use '\' or start with './'; project paths are '/'-separated and relative. */
export function normalizeRelPath(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
