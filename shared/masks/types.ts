/** A binary mask, row-major, one byte per pixel (0 or 1). */
export interface BinaryMask {
  readonly height: number;
  readonly width: number;
  readonly data: Uint8Array;
}

/** COCO RLE with uncompressed counts: column-major runs starting with a background run; size is [h, w]. */
export interface UncompressedRle {
  readonly size: [number, number];
  readonly counts: number[];
}

/** COCO RLE with the compressed LEB128-like string pycocotools writes. */
export interface CompressedRle {
  readonly size: [number, number];
  readonly counts: string;
}

/** [x, y, w, h] in pixels. */
export type BboxXywh = [number, number, number, number];
