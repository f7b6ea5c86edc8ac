import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imagePoint } from '../../../shared/sam/coords.js';
import {
  canvasPoint,
  canvasToImage,
  fitView,
  imageToCanvas,
  insideImage,
  MAX_SCALE,
  panBy,
  wheelFactor,
  zoomAt,
} from '../../../renderer/editor/viewTransform.js';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const view = fc.record({ scale: finite(0.02, 50), x: finite(-5000, 5000), y: finite(-5000, 5000) });

describe('view transform', () => {
  it('maps image pixel (x, y) to (view.x + x·scale, view.y + y·scale)', () => {
    const v = { scale: 0.5, x: 10, y: 20 };
    expect(imageToCanvas(v, imagePoint(100, 40))).toEqual({ x: 60, y: 40 });
    expect(canvasToImage(v, canvasPoint(60, 40))).toEqual({ x: 100, y: 40 });
  });

  it('canvas → image → canvas is the identity', () => {
    fc.assert(
      fc.property(view, finite(-2000, 2000), finite(-2000, 2000), (v, x, y) => {
        const back = imageToCanvas(v, canvasToImage(v, canvasPoint(x, y)));
        expect(back.x).toBeCloseTo(x, 6);
        expect(back.y).toBeCloseTo(y, 6);
      }),
    );
  });

  it('zooming at the cursor keeps the image pixel under the cursor in place', () => {
    fc.assert(
      fc.property(view, finite(0, 1500), finite(0, 1000), finite(0.2, 5), (v, cx, cy, factor) => {
        const at = canvasPoint(cx, cy);
        const before = canvasToImage(v, at);
        const zoomed = zoomAt(v, at, factor);
        const after = canvasToImage(zoomed, at);
        expect(after.x).toBeCloseTo(before.x, 4);
        expect(after.y).toBeCloseTo(before.y, 4);
      }),
    );
  });

  it('clamps the zoom and ignores nonsense factors', () => {
    const v = { scale: 60, x: 0, y: 0 };
    expect(zoomAt(v, canvasPoint(0, 0), 10).scale).toBe(MAX_SCALE);
    expect(zoomAt(v, canvasPoint(0, 0), Number.NaN)).toBe(v);
    expect(zoomAt(v, canvasPoint(0, 0), 0)).toBe(v);
  });

  it('wheel down zooms out, wheel up zooms in', () => {
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(0)).toBe(1);
  });

  it('pans by the pointer movement', () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 5, -3)).toEqual({ scale: 2, x: 6, y: -1 });
  });

  it('fits the whole image, centred, inside the margin', () => {
    const v = fitView({ width: 4000, height: 3000 }, { width: 1032, height: 632 }, 16);
    expect(v.scale).toBeCloseTo(0.2, 10);
    const topLeft = imageToCanvas(v, imagePoint(0, 0));
    const bottomRight = imageToCanvas(v, imagePoint(4000, 3000));
    expect(topLeft.y).toBeCloseTo(16, 6);
    expect(bottomRight.y).toBeCloseTo(616, 6);
    expect(topLeft.x + bottomRight.x).toBeCloseTo(1032, 6);
  });

  it('does not blow a tiny image up past 4×', () => {
    expect(fitView({ width: 10, height: 10 }, { width: 1000, height: 1000 }).scale).toBe(4);
  });

  it('knows what is on the image', () => {
    const size = { width: 10, height: 5 };
    expect(insideImage(imagePoint(0, 0), size)).toBe(true);
    expect(insideImage(imagePoint(9.9, 4.9), size)).toBe(true);
    expect(insideImage(imagePoint(10, 2), size)).toBe(false);
    expect(insideImage(imagePoint(-0.1, 2), size)).toBe(false);
    expect(insideImage(imagePoint(Number.NaN, 2), size)).toBe(false);
  });
});
