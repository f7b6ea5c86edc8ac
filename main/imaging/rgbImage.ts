/**
 * RGB8, row-major HWC: what decodeRgb returns and SAM's encoder takes. Declared here because
 * main/imaging may import only shared/ (the layer rule); it has the same shape as main/inference's
 * RgbImage, so values pass between the two without conversion.
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}
