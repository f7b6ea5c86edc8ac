import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circleToRle } from '../../../shared/masks/circleRaster.js';
import { encodeRle, rleArea } from '../../../shared/masks/rle.js';

describe('circleToRle', () => {
  it('holds exactly the pixels whose centre is within the radius, clipped to the image', () => {
    const [h, w] = [17, 23];
    const circle = fc.tuple(fc.double({ min: -30, max: 50, noNaN: true }), fc.double({ min: -30, max: 50, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }));
    fc.assert(
      fc.property(circle, ([cx, cy, r]) => {
        const data = new Uint8Array(h * w);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r ? 1 : 0;
        expect(circleToRle(cx, cy, r, h, w).counts).toEqual(encodeRle({ height: h, width: w, data }).counts);
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  it('covers the whole image for a huge radius without per-radius work', () => {
    expect(rleArea(circleToRle(32, 24, 1.4e7, 48, 64))).toBe(48 * 64);
  });
});
