import { existsSync, realpathSync } from 'node:fs';
import type { Dataset, DatasetAnnotation, DatasetCategory, DatasetImage } from '../../../shared/dataset.js';
import { rleArea } from '../../../shared/masks/rle.js';
import type { CompressedRle, UncompressedRle } from '../../../shared/masks/types.js';
import { toHexColor, vocColor } from '../export/palette.js';
import type { ImportSkip, SkipReason } from './report.js';

export interface ReadOptions {
  /**
   * Keep annotations whose mask is empty (a fully hidden instance in a PNG, a degenerate polygon): --verify needs
   * every record in file order to line them up with what was written; an import drops them.
   */
  readonly keepEmpty?: boolean;
  /**
   * Folders besides the dataset's where an image may resolve (symlinks followed). Unset, images may lead anywhere
   * (but must be regular files): samlabel's exports link the project's images, and --verify reads them back.
   */
  readonly imageRoots?: readonly string[];
}

/** Where a record came from, for the skip report. */
export interface Origin {
  readonly file: string;
  readonly item?: string;
}

/** A reader's result: the dataset and what it left out. */
export interface ImportRead {
  readonly dataset: Dataset;
  readonly skipped: ImportSkip[];
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
  private readonly skipped: ImportSkip[] = [];

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

  /**
   * An empty mask is kept only with keepEmpty; else it is reported (as `emptyReason`: a shape outside the image, a
   * polygon without area) when `origin` says where it came from.
   */
  addAnnotation(imageId: number, categoryId: number, rle: UncompressedRle | CompressedRle, fields: AnnotationFields = {}, origin?: Origin, emptyReason: SkipReason = 'degenerate'): void {
    if (this.options.keepEmpty !== true && rleArea(rle) === 0) {
      if (origin !== undefined) this.skipAnnotation(imageId, origin, emptyReason, emptyReason === 'outside-image' ? 'the shape lies outside the image' : 'the mask has no pixels');
      return;
    }
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

  /** One record of an image left out. */
  skipAnnotation(imageId: number, origin: Origin, reason: SkipReason, detail: string): void {
    this.skipped.push({ reason, file: origin.file, image: this.images[imageId - 1]?.relPath, item: origin.item, detail });
  }

  /** A whole image (or file) left out; `image` is its project-relative path when known. */
  skipImage(image: string | undefined, file: string, reason: SkipReason, detail: string): void {
    this.skipped.push({ reason, file, image: image?.split('\\').join('/'), detail });
  }

  /** Images with annotations are marked done: imported labels are finished work. */
  build(): Dataset {
    const images = this.images.map((img) => (this.perImage.has(img.id) ? { ...img, status: 'done' as const } : img));
    return { images, categories: this.categories, annotations: this.annotations };
  }

  result(): ImportRead {
    return { dataset: this.build(), skipped: [...this.skipped] };
  }
}
