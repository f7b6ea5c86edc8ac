import { describe, expect, it } from 'vitest';
import { imagePoint } from '../../../shared/sam/coords.js';
import { sameBox, samePrompts, type PromptMarker } from '../../../renderer/canvas/markers.js';

const marker = (x: number, y: number, label: 0 | 1): PromptMarker => ({ point: imagePoint(x, y), label });

describe('stage redraw skipping', () => {
  it('markers with the same points and labels are the same drawing, whatever the array identity', () => {
    expect(samePrompts([marker(1, 2, 1), marker(3, 4, 0)], [marker(1, 2, 1), marker(3, 4, 0)])).toBe(true);
    expect(samePrompts([], [])).toBe(true);
  });

  it('a moved point, a flipped label, an added or removed marker is a change', () => {
    const base = [marker(1, 2, 1), marker(3, 4, 0)];
    expect(samePrompts(base, [marker(1, 2, 1), marker(3, 4.5, 0)])).toBe(false);
    expect(samePrompts(base, [marker(1, 2, 1), marker(3, 4, 1)])).toBe(false);
    expect(samePrompts(base, [marker(1, 2, 1)])).toBe(false);
    expect(samePrompts(base, [...base, marker(5, 6, 1)])).toBe(false);
  });

  it('boxes compare by corners; a box appearing or going is a change', () => {
    const box = { x0: 1, y0: 2, x1: 30, y1: 40 };
    expect(sameBox(box, { ...box })).toBe(true);
    expect(sameBox(null, null)).toBe(true);
    expect(sameBox(box, { ...box, x1: 31 })).toBe(false);
    expect(sameBox(box, null)).toBe(false);
    expect(sameBox(null, box)).toBe(false);
  });
});
