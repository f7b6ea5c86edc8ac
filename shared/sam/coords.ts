/**
 * Coordinate spaces are explicit: a point in original image pixels (after EXIF orientation) is an
 * ImagePoint; the same point in SAM's 1024 model frame is a ModelPoint. Only resizeLongestSide converts.
 */
declare const imageBrand: unique symbol;
declare const modelBrand: unique symbol;

export type ImagePoint = { readonly x: number; readonly y: number; readonly [imageBrand]: true };
export type ModelPoint = { readonly x: number; readonly y: number; readonly [modelBrand]: true };
/** [x0, y0, x1, y1] in original image pixels. */
export type ImageBox = { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number; readonly [imageBrand]: true };
/** [x0, y0, x1, y1] in the 1024 model frame. */
export type ModelBox = { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number; readonly [modelBrand]: true };

/** Sizes are (height, width), as SAM writes them. */
export interface Size {
  readonly height: number;
  readonly width: number;
}

export const imagePoint = (x: number, y: number): ImagePoint => ({ x, y }) as ImagePoint;
export const modelPoint = (x: number, y: number): ModelPoint => ({ x, y }) as ModelPoint;
export const imageBox = (x0: number, y0: number, x1: number, y1: number): ImageBox => ({ x0, y0, x1, y1 }) as ImageBox;
export const modelBox = (x0: number, y0: number, x1: number, y1: number): ModelBox => ({ x0, y0, x1, y1 }) as ModelBox;

/** Point label values of SAM's decoder (`point_labels`). */
export const PointLabel = { Padding: -1, Background: 0, Foreground: 1, BoxTopLeft: 2, BoxBottomRight: 3 } as const;
export type ClickLabel = typeof PointLabel.Background | typeof PointLabel.Foreground;
