/** The Auto overlay's pixels: distinct colours, 0.5 opacity fill, the layer's raster step. */
import { describe, expect, it } from 'vitest';
import { autoColor, layerStep, overlayBitmap } from '../../../renderer/canvas/autoLayer.js';
import { encodeRle, toCompressed } from '../../../shared/masks/rle.js';

/** A 10×6 image with a 4×2 block at (3, 2). */
function blockRle() {
  const data = new Uint8Array(60);
  for (let y = 2; y < 4; y++) for (let x = 3; x < 7; x++) data[y * 10 + x] = 1;
  return toCompressed(encodeRle({ data, width: 10, height: 6 }));
}

describe('auto overlay layer', () => {
  it('gives neighbouring masks clearly different colours', () => {
    const colours = Array.from({ length: 20 }, (_, i) => autoColor(i));
    for (let i = 1; i < colours.length; i++) {
      const d = colours[i].reduce((sum, v, k) => sum + Math.abs(v - colours[i - 1][k]), 0);
      expect(d, `colours ${i - 1} and ${i}`).toBeGreaterThan(60);
    }
  });

  it('keeps the layer at most 2048 px on its longest side', () => {
    expect(layerStep({ width: 1024, height: 683 })).toBe(1);
    expect(layerStep({ width: 4000, height: 3000 })).toBe(2);
    expect(layerStep({ width: 9000, height: 100 })).toBe(5);
  });

  it('paints the mask at opacity 0.5 in its colour, with an outline, only inside its box', () => {
    const bitmap = overlayBitmap({ rle: blockRle(), bbox: [3, 2, 4, 2], index: 3, selected: false }, 1)!;
    expect([bitmap.left, bitmap.top, bitmap.width, bitmap.height]).toEqual([3, 2, 4, 2]);
    const alphas = new Set<number>();
    for (let i = 3; i < bitmap.rgba.length; i += 4) alphas.add(bitmap.rgba[i]);
    // A 4×2 block is all edge: outline pixels are opaque; a bigger block shows the 0.5 fill inside.
    expect([...alphas]).toEqual([255]);
    const data = new Uint8Array(100);
    for (let y = 2; y < 8; y++) for (let x = 2; x < 8; x++) data[y * 10 + x] = 1;
    const big = overlayBitmap({ rle: toCompressed(encodeRle({ data, width: 10, height: 10 })), bbox: [2, 2, 6, 6], index: 3, selected: false }, 1)!;
    const centre = (3 * 6 + 3) * 4;
    expect([...big.rgba.slice(centre, centre + 4)]).toEqual([...autoColor(3), 128]);
    const lit = overlayBitmap({ rle: toCompressed(encodeRle({ data, width: 10, height: 10 })), bbox: [2, 2, 6, 6], index: 3, selected: true }, 1)!;
    const dim = overlayBitmap({ rle: toCompressed(encodeRle({ data, width: 10, height: 10 })), bbox: [2, 2, 6, 6], index: 3, selected: false, dimmed: true }, 1)!;
    // Selected: more opaque with a white outline; the others step back while something is selected.
    expect([lit.rgba[centre + 3], [...lit.rgba.slice(0, 3)]]).toEqual([179, [255, 255, 255]]);
    expect(dim.rgba[centre + 3]).toBe(51);
  });
});
