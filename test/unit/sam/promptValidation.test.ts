import { describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { imageBox, imagePoint } from '../../../shared/sam/coords.js';
import { promptProblem, validatePrompts } from '../../../shared/sam/promptValidation.js';
import { expectBadInput } from './expectBadInput.js';

const size = { width: 1000, height: 750 };
const points = (...xy: [number, number][]) => ({ pointCoords: xy.map(([x, y]) => imagePoint(x, y)), pointLabels: xy.map(() => 1 as const) });

describe('validatePrompts', () => {
  it('accepts points and boxes inside the image, its far edges included', () => {
    expect(promptProblem(points([0, 0], [999.5, 749.5], [1000, 750]), size)).toBeNull();
    expect(promptProblem({ ...points(), box: imageBox(0, 0, 1000, 750) }, size)).toBeNull();
    expect(promptProblem({ ...points([500, 300]), box: imageBox(10, 10, 10, 10) }, size)).toBeNull();
  });

  it.each([
    ['far outside', [5000, 5000]],
    ['negative', [-10, -10]],
    ['just past the right edge', [1000.01, 10]],
    ['huge', [1e30, 5]],
    ['NaN', [Number.NaN, 5]],
    ['infinite', [5, Number.POSITIVE_INFINITY]],
  ] as const)('refuses a point %s as BadInput naming it and the image size', (_name, [x, y]) => {
    expectBadInput(() => validatePrompts(points([1, 1], [x, y]), size));
    expect(promptProblem(points([1, 1], [x, y]), size)).toMatch(/point 2 .* (outside the 1000x750 image|not a finite number)/);
  });

  it.each([
    ['outside', [0, 0, 1200, 700]],
    ['negative', [-1, 0, 10, 10]],
    ['inverted', [50, 50, 10, 10]],
    ['NaN', [0, Number.NaN, 10, 10]],
  ] as const)('refuses a box %s', (_name, [x0, y0, x1, y1]) => {
    expectBadInput(() => validatePrompts({ ...points(), box: imageBox(x0, y0, x1, y1) }, size));
    expect(promptProblem({ ...points(), box: imageBox(x0, y0, x1, y1) }, size)).toMatch(/^box /);
  });

  it('refuses labels that are not 0/1 or do not match the points, and an empty prompt', () => {
    expectBadInput(() => validatePrompts({ pointCoords: [imagePoint(1, 1)], pointLabels: [] }, size));
    expectBadInput(() => validatePrompts({ pointCoords: [imagePoint(1, 1)], pointLabels: [2 as 1] }, size));
    expectBadInput(() => validatePrompts(points(), size));
  });

  it('refuses an image size that is not a positive whole number of pixels', () => {
    let error: unknown;
    try {
      validatePrompts(points([0, 0]), { width: 0, height: 10 });
    } catch (err) {
      error = err;
    }
    expect(isSamlabelError(error, 'BadInput')).toBe(true);
  });
});
