import { describe, expect, it } from 'vitest';
import { look, square } from './annotationFixtures.js';
import type { PlacedBitmap } from '../../../renderer/canvas/maskRaster.js';
import { OverlayRefiner, meets, visibleArea, type RefineHost } from '../../../renderer/features/editor/overlayRefiner.js';
import { AnnotationOverlayCache } from '../../../renderer/features/editor/overlays.js';

/** A host with a hand-moved clock and a task queue run on demand; each prepare costs `prepareMs`. */
function fakeHost(prepareMs: number) {
  let clock = 0;
  const tasks: Array<(() => void) | null> = [];
  const shown: PlacedBitmap[][] = [];
  const prepared: PlacedBitmap[] = [];
  const host: RefineHost = {
    now: () => clock,
    later: (task) => {
      const i = tasks.push(task) - 1;
      return () => {
        tasks[i] = null;
      };
    },
    show: (bitmaps) => shown.push([...bitmaps]),
    prepare: (bitmap) => {
      prepared.push(bitmap);
      clock += prepareMs;
    },
  };
  /** Runs queued tasks (and those they queue) until none is left; returns how many ran. */
  const drain = (): number => {
    let ran = 0;
    for (let task = tasks.shift(); task !== undefined; task = tasks.shift()) {
      if (task) {
        task();
        ran++;
      }
    }
    return ran;
  };
  return { host, shown, prepared, drain, queued: () => tasks.filter(Boolean).length };
}

// Three squares on a 64×64 image: two on the left half, one on the right.
const items = [square('a', 0, 0, 16), square('b', 4, 30, 20), square('c', 44, 10, 16)];
const steps = (bitmaps: readonly PlacedBitmap[]) => bitmaps.map((b) => b.scaleX);

describe('OverlayRefiner', () => {
  it('shows what it has at once and refines only the annotations in view', () => {
    const { host, shown, prepared, drain } = fakeHost(1);
    const refiner = new OverlayRefiner(new AnnotationOverlayCache(), host, 8);
    refiner.set(items, look, 1);
    expect(steps(shown.at(-1) ?? [])).toEqual([1, 1, 1]);
    refiner.setArea({ x0: 0, y0: 0, x1: 32, y1: 64 });
    refiner.set(items, look, 0.25);
    expect(steps(shown.at(-1) ?? [])).toEqual([1, 1, 1]);
    drain();
    expect(steps(shown.at(-1) ?? [])).toEqual([4, 4, 1]);
    expect(steps(prepared)).toEqual([4, 4]);
    // Panning the third square into view refines it too.
    refiner.setArea({ x0: 32, y0: 0, x1: 64, y1: 64 });
    drain();
    expect(steps(shown.at(-1) ?? [])).toEqual([4, 4, 4]);
  });

  it('schedules nothing when the view shows no pending annotation', () => {
    const { host, queued } = fakeHost(1);
    const refiner = new OverlayRefiner(new AnnotationOverlayCache(), host, 8);
    refiner.setArea({ x0: 100, y0: 100, x1: 200, y1: 200 });
    refiner.set(items, look, 1);
    refiner.set(items, look, 0.25);
    expect(queued()).toBe(0);
  });

  it('stops a slice at its time budget, but makes at least one bitmap per slice', () => {
    const slow = fakeHost(5);
    const refiner = new OverlayRefiner(new AnnotationOverlayCache(), slow.host, 8);
    refiner.set(items, look, 1);
    refiner.set(items, look, 0.5);
    // 5 ms per bitmap, 8 ms slices: two bitmaps in the first slice, the third in the next.
    expect(slow.drain()).toBe(2);
    expect(steps(slow.shown[2])).toEqual([2, 2, 1]);
    expect(steps(slow.shown[3])).toEqual([2, 2, 2]);

    const slower = fakeHost(50);
    const other = new OverlayRefiner(new AnnotationOverlayCache(), slower.host, 8);
    other.set(items, look, 1);
    other.set(items, look, 0.5);
    expect(slower.drain()).toBe(3);
  });

  it('a new raster step while refining refines for the new step; dispose cancels the queued slice', () => {
    const { host, shown, drain, queued } = fakeHost(1);
    const refiner = new OverlayRefiner(new AnnotationOverlayCache(), host, 8);
    refiner.set(items, look, 1);
    refiner.set(items, look, 0.5);
    refiner.set(items, look, 0.25);
    drain();
    expect(steps(shown.at(-1) ?? [])).toEqual([4, 4, 4]);
    refiner.set(items, look, 0.5);
    // Step 2 was never made: the step-1 bitmaps stand in until it is.
    expect(queued()).toBe(1);
    refiner.dispose();
    expect(queued()).toBe(0);
  });
});

describe('visible area', () => {
  it('maps the viewport through the view into image pixels, with a margin in CSS pixels', () => {
    expect(visibleArea({ scale: 2, x: -100, y: 50 }, { width: 400, height: 300 }, 0)).toEqual({ x0: 50, y0: -25, x1: 250, y1: 125 });
    expect(visibleArea({ scale: 2, x: -100, y: 50 }, { width: 400, height: 300 }, 4)).toEqual({ x0: 48, y0: -27, x1: 252, y1: 127 });
    expect(visibleArea({ scale: 1, x: 0, y: 0 }, { width: 0, height: 300 })).toBeNull();
  });

  it('a bbox meets the area when they overlap by any amount; no area means everything is shown', () => {
    const area = { x0: 10, y0: 10, x1: 20, y1: 20 };
    expect(meets([0, 0, 10, 10], area)).toBe(false);
    expect(meets([0, 0, 10.5, 10.5], area)).toBe(true);
    expect(meets([19.5, 5, 10, 10], area)).toBe(true);
    expect(meets([20, 5, 10, 10], area)).toBe(false);
    expect(meets([20, 5, 10, 10], null)).toBe(true);
  });
});
