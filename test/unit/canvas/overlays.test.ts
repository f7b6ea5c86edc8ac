import { describe, expect, it } from 'vitest';
import { look, square } from './annotationFixtures.js';
import { AnnotationOverlayCache, rasterScale } from '../../../renderer/features/editor/overlays.js';

describe('AnnotationOverlayCache', () => {
  const items = [square('a', 0, 0, 16), square('b', 20, 20, 30), square('c', 40, 2, 8)];

  it('rasterises new annotations at once', () => {
    const { bitmaps, pending } = new AnnotationOverlayCache().current(items, look, 1);
    expect(pending).toEqual([]);
    expect(bitmaps.map((b) => b.scaleX)).toEqual([1, 1, 1]);
  });

  it('after a zoom shows the old bitmaps at once and refines them one at a time', () => {
    const cache = new AnnotationOverlayCache();
    cache.current(items, look, 1);
    const zoomedOut = cache.current(items, look, 0.25);
    expect(zoomedOut.bitmaps.map((b) => b.scaleX)).toEqual([1, 1, 1]);
    expect(zoomedOut.pending.map((a) => a.annotationId)).toEqual(['a', 'b', 'c']);
    const made = cache.refine(items[1], look, 0.25);
    expect(made?.scaleX).toBe(4);
    const after = cache.current(items, look, 0.25);
    expect(after.bitmaps.map((b) => b.scaleX)).toEqual([1, 4, 1]);
    expect(after.bitmaps[1]).toBe(made);
    expect(after.pending.map((a) => a.annotationId)).toEqual(['a', 'c']);
    cache.refine(items[0], look, 0.25);
    cache.refine(items[2], look, 0.25);
    const done = cache.current(items, look, 0.25);
    expect(done.pending).toEqual([]);
    expect(done.bitmaps.map((b) => b.scaleX)).toEqual([4, 4, 4]);
  });

  it('refining twice makes the bitmap once; an annotation no longer shown is not refined', () => {
    const cache = new AnnotationOverlayCache();
    cache.current(items, look, 1);
    cache.current(items, look, 0.5);
    expect(cache.refine(items[0], look, 0.5)).toBe(cache.refine(items[0], look, 0.5));
    cache.current(items.slice(1), look, 0.5);
    expect(cache.refine(items[0], look, 0.5)).toBeNull();
  });

  it('a changed colour is new pixels, made at once', () => {
    const cache = new AnnotationOverlayCache();
    cache.current(items, look, 1);
    const recoloured = cache.current(items, () => ({ color: '#00ff00', selected: false }), 1);
    expect(recoloured.pending).toEqual([]);
    expect(recoloured.bitmaps[0].rgba[4 * 17 + 0]).toBe(0);
  });

  it('raster scale follows the view in √2 steps and never exceeds 1', () => {
    expect(rasterScale(3, 1)).toBe(1);
    expect(rasterScale(0.5, 1)).toBeCloseTo(0.5);
    expect(rasterScale(0.5, 2)).toBe(1);
    expect(rasterScale(0.3, 1)).toBeCloseTo(Math.SQRT1_2 / 2);
  });
});
