/** A mask flagged for review is outlined amber whatever its label's colour; clearing the flag redraws it. */
import { describe, expect, it } from 'vitest';
import { encodeRle, toCompressed } from '../../../shared/masks/rle.js';
import type { AnnotationRecord } from '../../../renderer/editor/annotations.js';
import type { PlacedBitmap } from '../../../renderer/canvas/maskRaster.js';
import { AnnotationOverlayCache } from '../../../renderer/features/editor/overlays.js';

/** A 10×10 square at (4, 4) on a 32×32 image. */
function square(review: AnnotationRecord['review']): AnnotationRecord {
  const data = new Uint8Array(32 * 32);
  for (let r = 4; r < 14; r++) data.fill(1, r * 32 + 4, r * 32 + 14);
  const rle = toCompressed(encodeRle({ height: 32, width: 32, data }));
  return { annotationId: 'a', imageId: 'i', labelId: 'l', rle, area: 100, bbox: [4, 4, 10, 10], zOrder: 0, review };
}

const rgbaAt = (b: PlacedBitmap, x: number, y: number): number[] => [...b.rgba.subarray((y * b.width + x) * 4, (y * b.width + x) * 4 + 4)];

function draw(a: AnnotationRecord, selected = false, cache = new AnnotationOverlayCache()): PlacedBitmap {
  const look = (x: AnnotationRecord) => ({ color: '#3b82f6', selected, needsReview: x.review != null });
  return cache.current([a], look, 1).bitmaps[0];
}

describe('review outline', () => {
  it('outlines a flagged mask amber, an unflagged one in its label’s darker colour; fills alike', () => {
    const flagged = draw(square({ reason: 'imported' }));
    const plain = draw(square(null));
    expect(rgbaAt(flagged, 0, 0)).toEqual([245, 158, 11, 255]);
    expect(rgbaAt(plain, 0, 0)).toEqual([Math.round(0x3b * 0.55), Math.round(0x82 * 0.55), Math.round(0xf6 * 0.55), 255]);
    expect(rgbaAt(flagged, 5, 5)).toEqual(rgbaAt(plain, 5, 5));
  });

  it('selection wins over the flag (white outline), and a cleared flag is redrawn, not served from the cache', () => {
    expect(rgbaAt(draw(square({ reason: 'imported' }), true), 0, 9)).toEqual([255, 255, 255, 255]);
    const cache = new AnnotationOverlayCache();
    expect(rgbaAt(draw(square({ reason: 'imported' }), false, cache), 0, 0)).toEqual([245, 158, 11, 255]);
    expect(rgbaAt(draw(square(null), false, cache), 0, 0)).not.toEqual([245, 158, 11, 255]);
  });
});
