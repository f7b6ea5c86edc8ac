import type { DatasetAnnotation, DatasetCategory, DatasetImage } from '../../../shared/dataset.js';
import type { SplitSpec } from './split.js';

export const EXPORT_FORMATS = ['coco', 'yolo-seg', 'labelme', 'masks-png', 'voc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly outDir: string;
  /** Named fractions, e.g. train 0.8 / val 0.2; absent: one split named `train`. */
  readonly split?: SplitSpec;
  /** Seed of the shuffle that assigns images to splits (default 0). */
  readonly seed?: number;
  /** Only images with status `done`. */
  readonly onlyDone?: boolean;
  /** Leave out images without annotations (kept by default: negatives matter for training). */
  readonly dropEmpty?: boolean;
  /** Copy images into the export instead of symlinking them. */
  readonly copyImages?: boolean;
  /** COCO segmentation: polygons (default; masks with holes still go as RLE) or RLE for every mask. */
  readonly cocoSeg?: 'polygon' | 'rle';
  /** YOLO: boxes (`cls cx cy w h`) instead of polygons. */
  readonly yoloBoxes?: boolean;
  /** labelme: write each JSON next to its image (in the project folder) rather than under outDir. */
  readonly besideImages?: boolean;
  /** VOC: width in pixels of the 255 (void) band drawn along every object boundary; 0 (default) for none. */
  readonly voidBorder?: number;
  /** Polygon simplification tolerance in pixels (Douglas–Peucker); 0 (default) is exact. */
  readonly simplify?: number;
  /** Replace an earlier samlabel export in outDir (recognised by its manifest); never files samlabel did not write. */
  readonly overwrite?: boolean;
  /** labelme: masks as `mask` shapes (current labelme) instead of polygons (labelme 5.1). */
  readonly labelmeMasks?: boolean;
  /** Called after each image is written: images done, images in the export. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Set by exportDataset, not by callers: where the export will be once published. Writers write under outDir
   * (a staging folder) and use this for paths recorded inside files (data.yaml's `path`).
   */
  readonly publishDir?: string;
}

/** One image of a split with the annotations to write, in paint order (z ascending, then id). */
export interface ExportImage {
  readonly image: DatasetImage;
  readonly annotations: DatasetAnnotation[];
}

export interface ExportSplit {
  readonly name: string;
  readonly images: ExportImage[];
}

/** Everything a format writer needs, decided once: which images, which split, class numbering. */
export interface ExportPlan {
  /** Sorted by `order`, then id: position + 1 is the class value written (COCO id, PNG value; YOLO uses position). */
  readonly categories: DatasetCategory[];
  /** Dataset category id → position in `categories`. */
  readonly categoryIndex: ReadonlyMap<number, number>;
  readonly splits: ExportSplit[];
  /** Annotations left out because their mask is empty (no format can hold them faithfully). */
  readonly emptyMasks: number[];
}

/** How one annotation was written, for --verify: `units` records in the file (YOLO lines), `exact` if lossless. */
export interface WrittenAnnotation {
  readonly annotationId: number;
  readonly imageRelPath: string;
  readonly units: number;
  readonly exact: boolean;
}

export interface WriterOutput {
  readonly written: WrittenAnnotation[];
  /** What the matching importer reads to get this export back. */
  readonly readBack: string;
}

export interface ExportResult extends WriterOutput {
  /** Every file written, at its published location. */
  readonly files: string[];
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly splits: Array<{ readonly name: string; readonly images: number; readonly annotations: number }>;
  readonly emptyMasks: number[];
}
