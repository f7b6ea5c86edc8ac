/**
 * SAM's ResizeLongestSide (segment_anything/utils/transforms.py), the one place that maps original
 * image pixels to the 1024 model frame and back. Arithmetic follows the Python order of operations
 * so results are bit-identical to SAM's float64 numpy path.
 */
import { SamlabelError } from '../errors.js';
import { IMG_SIZE } from './constants.js';
import {
  imagePoint,
  modelBox,
  modelPoint,
  type ImageBox,
  type ImagePoint,
  type ModelBox,
  type ModelPoint,
  type Size,
} from './coords.js';

function assertSize(size: Size, what: string): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1;
  if (!ok(size.height) || !ok(size.width)) {
    throw new SamlabelError('BadInput', `${what} must be positive integers, got ${size.height}x${size.width}`);
  }
}

/**
 * get_preprocess_shape: size after scaling the longest side to `longestSide`, rounded half up like
 * int(x + 0.5) — but never below 1: SAM's rounding turns the short side of a valid 8000×1 image into
 * 0 pixels (int(0.628)), an empty encoder input. Where SAM gives at least 1 the result is SAM's.
 */
export function getPreprocessShape(size: Size, longestSide: number = IMG_SIZE): Size {
  assertSize(size, 'image size');
  if (!Number.isInteger(longestSide) || longestSide < 1) {
    throw new SamlabelError('BadInput', `longestSide must be a positive integer, got ${longestSide}`);
  }
  const scale = longestSide / Math.max(size.height, size.width);
  return {
    height: Math.max(1, Math.floor(size.height * scale + 0.5)),
    width: Math.max(1, Math.floor(size.width * scale + 0.5)),
  };
}

function assertFinitePoint(p: { x: number; y: number }): void {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
    throw new SamlabelError('BadInput', `point coordinates must be finite, got (${p.x}, ${p.y})`);
  }
}

/**
 * apply_coords: x scales by newW/oldW and y by newH/oldH separately (not by one scale), and the
 * result is not rounded — the decoder takes fractional coordinates.
 */
export function applyCoords(points: readonly ImagePoint[], origSize: Size): ModelPoint[] {
  const { height: newH, width: newW } = getPreprocessShape(origSize);
  const sx = newW / origSize.width;
  const sy = newH / origSize.height;
  return points.map((p) => {
    assertFinitePoint(p);
    return modelPoint(p.x * sx, p.y * sy);
  });
}

/** apply_boxes: the two corners go through applyCoords. */
export function applyBox(box: ImageBox, origSize: Size): ModelBox {
  const [p0, p1] = applyCoords([imagePoint(box.x0, box.y0), imagePoint(box.x1, box.y1)], origSize);
  return modelBox(p0.x, p0.y, p1.x, p1.y);
}

/** Inverse of applyCoords for one point: model frame back to original image pixels. */
export function modelToImagePoint(p: ModelPoint, origSize: Size): ImagePoint {
  assertFinitePoint(p);
  const { height: newH, width: newW } = getPreprocessShape(origSize);
  return imagePoint(p.x * (origSize.width / newW), p.y * (origSize.height / newH));
}
