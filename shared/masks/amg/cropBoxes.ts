/**
 * Crop boxes and the crop ↔ image frame (utils/amg.py generate_crop_boxes, uncrop_*, is_box_near_crop_edge).
 * Boxes are [x0, y0, x1, y1]; crop boxes are half-open pixel ranges, mask boxes (maskToBoxXyxy) are
 * inclusive, exactly as SAM mixes them.
 */
export type BoxXyxy = [number, number, number, number];

export interface CropLayout {
  readonly cropBoxes: BoxXyxy[];
  readonly layerIdxs: number[];
}

function cropLen(origLen: number, nCrops: number, overlap: number): number {
  return Math.ceil((overlap * (nCrops - 1) + origLen) / nCrops);
}

/** The whole image, then layer i (1-based) as a 2^i × 2^i grid of overlapping crops, x-major like itertools.product. */
export function generateCropBoxes(imSize: { height: number; width: number }, nLayers: number, overlapRatio: number): CropLayout {
  const { height: imH, width: imW } = imSize;
  const shortSide = Math.min(imH, imW);
  const cropBoxes: BoxXyxy[] = [[0, 0, imW, imH]];
  const layerIdxs = [0];
  for (let layer = 0; layer < nLayers; layer++) {
    const nPerSide = 2 ** (layer + 1);
    const overlap = Math.trunc(overlapRatio * shortSide * (2 / nPerSide));
    const cropW = cropLen(imW, nPerSide, overlap);
    const cropH = cropLen(imH, nPerSide, overlap);
    const xs = Array.from({ length: nPerSide }, (_, i) => Math.trunc((cropW - overlap) * i));
    const ys = Array.from({ length: nPerSide }, (_, i) => Math.trunc((cropH - overlap) * i));
    for (const x0 of xs) {
      for (const y0 of ys) {
        cropBoxes.push([x0, y0, Math.min(x0 + cropW, imW), Math.min(y0 + cropH, imH)]);
        layerIdxs.push(layer + 1);
      }
    }
  }
  return { cropBoxes, layerIdxs };
}

export function boxXyxyToXywh(box: readonly number[]): BoxXyxy {
  return [box[0], box[1], box[2] - box[0], box[3] - box[1]];
}

export function uncropBoxXyxy(box: readonly number[], cropBox: readonly number[]): BoxXyxy {
  return [box[0] + cropBox[0], box[1] + cropBox[1], box[2] + cropBox[0], box[3] + cropBox[1]];
}

export function uncropPoint(point: readonly [number, number], cropBox: readonly number[]): [number, number] {
  return [point[0] + cropBox[0], point[1] + cropBox[1]];
}

const isClose = (a: number, b: number, atol: number): boolean => Math.abs(a - b) <= atol;

/**
 * A mask box (crop frame) touching the crop's edge, within atol px, where that edge is not also the
 * image's edge: the object probably continues outside the crop, so SAM drops the mask.
 */
export function isBoxNearCropEdge(box: readonly number[], cropBox: readonly number[], origBox: readonly number[], atol = 20): boolean {
  const b = uncropBoxXyxy(box, cropBox);
  for (let i = 0; i < 4; i++) {
    if (isClose(b[i], cropBox[i], atol) && !isClose(b[i], origBox[i], atol)) return true;
  }
  return false;
}

/** Area of a box (torchvision box_area: (x1 - x0) * (y1 - y0), no +1). */
export function boxArea(box: readonly number[]): number {
  return (box[2] - box[0]) * (box[3] - box[1]);
}
