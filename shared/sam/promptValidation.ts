import { SamlabelError } from '../errors.js';
import type { ClickLabel, ImageBox, ImagePoint, Size } from './coords.js';

/**
 * One validator for the prompts of SAM's predict (CLI `segment`, IPC, `samlabel serve`): points
 * and boxes in original image pixels (after EXIF orientation), checked against the image's size.
 *
 * The rule: a coordinate is a position on the image plane where pixel (i, j) covers
 * [i, i+1) × [j, j+1), so the image spans the closed rectangle [0, W] × [0, H]. Points and box
 * corners must lie in it; W and H themselves are allowed, because a box's far corner (xyxy, as SAM
 * and COCO's x+w give it) is the far edge of the last pixel, and a click converted from a canvas
 * can land exactly on that edge. Anything beyond, negative, NaN or infinite is refused: SAM itself
 * would silently extrapolate its positional encoding and return a mask for a place not in the image.
 */
export interface PromptToValidate {
  readonly pointCoords: readonly ImagePoint[];
  readonly pointLabels: readonly ClickLabel[];
  readonly box?: ImageBox;
}

/** The first thing wrong with the prompts for an image of `size`, in words; null when they are fine. */
export function promptProblem(prompt: PromptToValidate, size: Size): string | null {
  const { width: w, height: h } = size;
  if (!(Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0)) return `image size ${w}x${h} is not a positive number of pixels`;
  if (prompt.pointLabels.length !== prompt.pointCoords.length) {
    return `${prompt.pointCoords.length} points but ${prompt.pointLabels.length} labels: give one label (1 include, 0 exclude) per point`;
  }
  if (prompt.pointCoords.length === 0 && prompt.box === undefined) return 'no points and no box: give at least one';
  for (const [i, p] of prompt.pointCoords.entries()) {
    const problem = pointProblem(p.x, p.y, size);
    if (problem !== null) return `point ${i + 1} (${p.x}, ${p.y}) ${problem}`;
    const label = prompt.pointLabels[i];
    if (label !== 0 && label !== 1) return `point ${i + 1} has label ${String(label)}: labels are 1 (include) or 0 (exclude)`;
  }
  return prompt.box === undefined ? null : boxProblem(prompt.box, size);
}

/** Throws BadInput with promptProblem's words when the prompts do not fit the image. */
export function validatePrompts(prompt: PromptToValidate, size: Size): void {
  const problem = promptProblem(prompt, size);
  if (problem !== null) throw new SamlabelError('BadInput', problem);
}

function pointProblem(x: number, y: number, size: Size): string | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return 'is not a finite number';
  if (x < 0 || y < 0 || x > size.width || y > size.height) return `is outside the ${extent(size)}`;
  return null;
}

function boxProblem(b: ImageBox, size: Size): string | null {
  const text = `box [${b.x0}, ${b.y0}, ${b.x1}, ${b.y1}]`;
  if (![b.x0, b.y0, b.x1, b.y1].every(Number.isFinite)) return `${text} is not four finite numbers`;
  if (b.x1 < b.x0 || b.y1 < b.y0) return `${text} must be x0,y0,x1,y1 with x0 <= x1 and y0 <= y1`;
  if (pointProblem(b.x0, b.y0, size) !== null || pointProblem(b.x1, b.y1, size) !== null) return `${text} is outside the ${extent(size)}`;
  return null;
}

const extent = (size: Size): string => `${size.width}x${size.height} image (x in [0, ${size.width}], y in [0, ${size.height}])`;
