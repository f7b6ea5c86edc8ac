/**
 * Decoder feeds for the official export_onnx_model.py contract (see DESIGN.md §2 and SAM's
 * onnx_model_example.ipynb): clicks first, then the box corners labelled 2/3; without a box a
 * padding point (0,0) labelled -1 is appended, because the ONNX graph has no "no box" branch.
 */
import { SamlabelError } from '../errors.js';
import { LOW_RES_SIZE } from './constants.js';
import { PointLabel, type ModelBox, type ModelPoint, type Size } from './coords.js';

/** Decoder inputs with the ONNX names verbatim (official export_onnx_model.py contract). */
export interface DecoderFeeds {
  /** [1, N, 2] (x, y) in the 1024 model frame. */
  readonly point_coords: Float32Array;
  /** [1, N] 1 fg, 0 bg, 2/3 box corners, -1 padding. */
  readonly point_labels: Float32Array;
  /** [1, 1, S, S] low-res logits from an earlier call, zeros when none. */
  readonly mask_input: Float32Array;
  /** [1] 1 when mask_input is used. */
  readonly has_mask_input: Float32Array;
  /** [2] (H, W) of the original image. */
  readonly orig_im_size: Float32Array;
  readonly numPoints: number;
  readonly origSize: Size;
}

export interface DecoderPrompt {
  readonly pointCoords?: readonly ModelPoint[];
  /** 0 background, 1 foreground; one per point. */
  readonly pointLabels?: readonly number[];
  readonly box?: ModelBox;
  /** lowResSize² logits of an earlier candidate (SAM refines from logits, never a binarised mask). */
  readonly maskInput?: Float32Array | null;
  readonly origSize: Size;
  readonly lowResSize?: number;
}

const bad = (message: string) => new SamlabelError('BadInput', message);

function checkPoints(coords: readonly ModelPoint[], labels: readonly number[]): void {
  if (coords.length !== labels.length) {
    throw bad(`pointCoords has ${coords.length} points but pointLabels has ${labels.length} labels`);
  }
  coords.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw bad(`point ${i} is not finite: (${p.x}, ${p.y})`);
  });
  labels.forEach((l, i) => {
    // 2/3/-1 are reserved for box corners and padding, which this module adds itself.
    if (l !== PointLabel.Background && l !== PointLabel.Foreground) throw bad(`point label ${i} must be 0 or 1, got ${l}`);
  });
}

function checkBox(box: ModelBox): void {
  const { x0, y0, x1, y1 } = box;
  if (![x0, y0, x1, y1].every(Number.isFinite)) throw bad(`box is not finite: [${x0}, ${y0}, ${x1}, ${y1}]`);
  // Rejected rather than normalised: a flipped box means a caller mixed up xyxy and xywh.
  if (x0 > x1 || y0 > y1) throw bad(`box must have x0 <= x1 and y0 <= y1, got [${x0}, ${y0}, ${x1}, ${y1}]`);
}

function checkMaskInput(maskInput: Float32Array, lowResSize: number): void {
  if (maskInput.length !== lowResSize * lowResSize) {
    throw bad(`maskInput must hold ${lowResSize}x${lowResSize} logits, got ${maskInput.length}`);
  }
  for (let i = 0; i < maskInput.length; i++) {
    if (!Number.isFinite(maskInput[i])) throw bad(`maskInput[${i}] is not finite`);
  }
}

function checkSizes(origSize: Size, lowResSize: number): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1;
  if (!ok(origSize.height) || !ok(origSize.width)) {
    throw bad(`origSize must be positive integers, got ${origSize.height}x${origSize.width}`);
  }
  if (!ok(lowResSize)) throw bad(`lowResSize must be a positive integer, got ${lowResSize}`);
}

/** Flattens clicks + box corners (or the padding point) into point_coords / point_labels. */
function packPoints(coords: readonly ModelPoint[], labels: readonly number[], box: ModelBox | undefined) {
  const n = coords.length + (box ? 2 : 1);
  const pointCoords = new Float32Array(n * 2);
  const pointLabels = new Float32Array(n);
  coords.forEach((p, i) => {
    pointCoords[2 * i] = p.x;
    pointCoords[2 * i + 1] = p.y;
    pointLabels[i] = labels[i];
  });
  const k = coords.length;
  if (box) {
    pointCoords.set([box.x0, box.y0, box.x1, box.y1], 2 * k);
    pointLabels.set([PointLabel.BoxTopLeft, PointLabel.BoxBottomRight], k);
  } else {
    // Padding point stays at (0, 0), already zero.
    pointLabels[k] = PointLabel.Padding;
  }
  return { pointCoords, pointLabels, n };
}

export function buildDecoderFeeds(prompt: DecoderPrompt): DecoderFeeds {
  const { box, origSize, lowResSize = LOW_RES_SIZE } = prompt;
  const coords = prompt.pointCoords ?? [];
  const labels = prompt.pointLabels ?? [];
  checkSizes(origSize, lowResSize);
  checkPoints(coords, labels);
  if (box) checkBox(box);
  if (coords.length === 0 && !box) throw bad('a prompt needs at least one point or a box');
  const maskInput = prompt.maskInput ?? null;
  if (maskInput) checkMaskInput(maskInput, lowResSize);

  const { pointCoords, pointLabels, n } = packPoints(coords, labels, box);
  return {
    point_coords: pointCoords,
    point_labels: pointLabels,
    // Copied so a later in-place edit of the caller's buffer cannot change a queued run.
    mask_input: maskInput ? new Float32Array(maskInput) : new Float32Array(lowResSize * lowResSize),
    has_mask_input: new Float32Array([maskInput ? 1 : 0]),
    orig_im_size: new Float32Array([origSize.height, origSize.width]),
    numPoints: n,
    origSize: { height: origSize.height, width: origSize.width },
  };
}
