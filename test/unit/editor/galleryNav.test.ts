import { describe, expect, it } from 'vitest';
import { neighbour } from '../../../renderer/editor/galleryNav.js';

const items = [
  { imageId: 'a', status: 'done' },
  { imageId: 'b', status: 'new' },
  { imageId: 'c', status: 'skipped' },
  { imageId: 'd', status: 'in_progress' },
  { imageId: 'e', status: 'done' },
];

describe('gallery navigation', () => {
  it('steps to the neighbour and stops at the ends', () => {
    expect(neighbour(items, 'b', 1)).toBe('c');
    expect(neighbour(items, 'b', -1)).toBe('a');
    expect(neighbour(items, 'e', 1)).toBeNull();
    expect(neighbour(items, 'a', -1)).toBeNull();
  });

  it('skips done and skipped images when asked', () => {
    expect(neighbour(items, 'b', 1, true)).toBe('d');
    expect(neighbour(items, 'd', -1, true)).toBe('b');
    expect(neighbour(items, 'd', 1, true)).toBeNull();
  });

  it('starts from the first or last image when none is open', () => {
    expect(neighbour(items, null, 1)).toBe('a');
    expect(neighbour(items, null, -1)).toBe('e');
    expect(neighbour(items, 'gone', 1, true)).toBe('b');
  });
});
