import type { CompressedRle, UncompressedRle } from './masks/types.js';

/**
 * A project's labelled data as exporters and importers see it: plain data, no database handles.
 * The project store reads it (projectToDataset) and writes imported data back; formats never touch SQLite.
 */
export interface DatasetImage {
  readonly id: number;
  /** Relative to the project folder, '/' separators. */
  readonly relPath: string;
  readonly absPath: string;
  /** After EXIF orientation. */
  readonly width: number;
  readonly height: number;
  readonly status: 'new' | 'in_progress' | 'done' | 'skipped' | 'missing';
}

export interface DatasetCategory {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly supercategory: string;
  readonly order: number;
}

export interface DatasetAnnotation {
  readonly id: number;
  readonly imageId: number;
  readonly categoryId: number;
  readonly rle: UncompressedRle | CompressedRle;
  readonly iscrowd: 0 | 1;
  readonly score: number | null;
  readonly zOrder: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /**
   * True when the project flagged the mask for a person to check again (its image changed pixel
   * size, or it is an unreviewed automatic mask); absent otherwise. Importers leave it out.
   */
  readonly needsReview?: boolean;
}

export interface Dataset {
  readonly images: DatasetImage[];
  readonly categories: DatasetCategory[];
  readonly annotations: DatasetAnnotation[];
}
