/** One object's reference mask for the interactive protocol, in original image pixels (row-major). */
export interface GroundTruth {
  readonly width: number;
  readonly height: number;
  /** 1 = object, 0 = background. */
  readonly object: Uint8Array;
  /** 1 = excluded from IoU and from click placement (grey 128 in 0/255 masks). */
  readonly ignore: Uint8Array;
}

/** Grey value that marks "ignore" in 0/255 masks (the convention of DAVIS-style and RITM-converted sets). */
export const IGNORE_GREY = 128;

/**
 * Reads a single-channel 0/255 mask: 128 is ignore, anything else above 127 is object.
 * Values other than 0/128/255 (resampling, JPEG) round to the nearest of the three.
 */
export function groundTruthFromGrey(grey: Uint8Array, width: number, height: number): GroundTruth {
  const n = width * height;
  const object = new Uint8Array(n);
  const ignore = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const g = grey[i];
    if (g >= 64 && g < 192) ignore[i] = 1;
    else if (g >= 192) object[i] = 1;
  }
  return { width, height, object, ignore };
}

/** Reads a palette (indexed) mask: index 0 is background, any other index is object (VOC-style 255 included). */
export function groundTruthFromIndices(indices: Uint8Array, width: number, height: number): GroundTruth {
  const n = width * height;
  const object = new Uint8Array(n);
  for (let i = 0; i < n; i++) object[i] = indices[i] !== 0 ? 1 : 0;
  return { width, height, object, ignore: new Uint8Array(n) };
}
