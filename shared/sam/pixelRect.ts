/**
 * Half-open integer pixel rectangle in original image pixels: x0 <= x < x1, y0 <= y < y1.
 * Same shape as main/inference/predictor.ts PixelRect; declared here because shared/ may not import main/.
 */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}
