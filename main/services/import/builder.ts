import { existsSync, realpathSync } from 'node:fs';
import type { Dataset, DatasetAnnotation, DatasetCategory, DatasetImage } from '../../../shared/dataset.js';
import { rleArea } from '../../../shared/masks/rle.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';
import { toHexColor, vocColor } from '../export/palette.js';

export interface ReadOptions {
  /**
   * Keep annotations whose mask is empty (a fully hidden instance in a PNG, a degenerate polygon): --verify needs
   * every record in file order to line them up with what was written; an import drops them.
   */
  readonly keepEmpty?: boolean;
}

export interface AnnotationFields {
  readonly iscrowd?: 0 | 1;
  readonly score?: number | null;
  readonly attributes?: Record<string, string | number | boolean>;
  /** The file's own z-order (PNG legend); else the record's position in the image. */
  readonly zOrder?: number;
}

/**
 * Assembles a Dataset from what a reader finds, in file order: images and categories numbered 1.. as first seen,
 * categories matched by name, zOrder = position within the image (later records paint on top, as written).
 */
export class DatasetBuilder {
  private readonly images: DatasetImage[] = [];
  private readonly categories: DatasetCategory[] = [];
  private readonly annotations: DatasetAnnotation[] = [];
  private readonly byName = new Map<string, number>();
  private readonly perImage = new Map<number, number>();

  constructor(private readonly options: ReadOptions = {}) {}

  /** Symlinks are followed, so an export that links images leads back to the project's own files. */
  addImage(relPath: string, path: string, width: number, height: number): number {
    const id = this.images.length + 1;
    const absPath = existsSync(path) ? realpathSync(path) : path;
    this.images.push({ id, relPath: relPath.split('\\').join('/'), absPath, width, height, status: 'new' });
    return id;
  }

  category(name: string, supercategory = '', color?: string): number {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const id = this.categories.length + 1;
    this.categories.push({ id, name, supercategory, color: color ?? toHexColor(vocColor(id)), order: id - 1 });
    this.byName.set(name, id);
    return id;
  }

  addAnnotation(imageId: number, categoryId: number, rle: UncompressedRle | CompressedRle, fields: AnnotationFields = {}): void {
    if (this.options.keepEmpty !== true && rleArea(rle) === 0) return;
    const position = this.perImage.get(imageId) ?? 0;
    this.perImage.set(imageId, position + 1);
    this.annotations.push({
      id: this.annotations.length + 1,
      imageId,
      categoryId,
      rle,
      iscrowd: fields.iscrowd ?? 0,
      score: fields.score ?? null,
      zOrder: fields.zOrder ?? position,
      attributes: fields.attributes ?? {},
    });
  }

  /** Images with annotations are marked done: imported labels are finished work. */
  build(): Dataset {
    const images = this.images.map((img) => (this.perImage.has(img.id) ? { ...img, status: 'done' as const } : img));
    return { images, categories: this.categories, annotations: this.annotations };
  }
}
