import { describe, expect, it } from 'vitest';
import { Button, DRAG_THRESHOLD, PointerGesture } from '../../../renderer/editor/pointerGesture.js';
import { canvasPoint } from '../../../renderer/editor/viewTransform.js';

const at = canvasPoint;
const press = (button: number, shift = false, space = false) => ({ button, shift, space });

describe('PointerGesture', () => {
  it('left click is an include point where it was pressed', () => {
    const g = new PointerGesture();
    g.down({ point: at(10, 10), ...press(Button.Left) });
    expect(g.move(at(11, 10))).toEqual({ type: 'none' });
    expect(g.up(at(11, 10))).toEqual({ type: 'click', point: at(10, 10), label: 1 });
  });

  it('right click and Shift+click exclude', () => {
    const g = new PointerGesture();
    g.down({ point: at(1, 2), ...press(Button.Right) });
    expect(g.up(at(1, 2))).toMatchObject({ type: 'click', label: 0 });
    g.down({ point: at(1, 2), ...press(Button.Left, true) });
    expect(g.up(at(1, 2))).toMatchObject({ type: 'click', label: 0 });
  });

  it('a left drag beyond the threshold is a box, previewed while dragging', () => {
    const g = new PointerGesture();
    g.down({ point: at(0, 0), ...press(Button.Left) });
    expect(g.move(at(DRAG_THRESHOLD, 0))).toEqual({ type: 'boxPreview', from: at(0, 0), to: at(DRAG_THRESHOLD, 0) });
    expect(g.move(at(50, 40))).toEqual({ type: 'boxPreview', from: at(0, 0), to: at(50, 40) });
    expect(g.up(at(60, 40))).toEqual({ type: 'box', from: at(0, 0), to: at(60, 40) });
    expect(g.kind).toBe('idle');
  });

  it('middle drag and Space+drag pan by the movement', () => {
    const g = new PointerGesture();
    g.down({ point: at(10, 10), ...press(Button.Middle) });
    expect(g.move(at(15, 8))).toEqual({ type: 'pan', dx: 5, dy: -2 });
    expect(g.move(at(16, 8))).toEqual({ type: 'pan', dx: 1, dy: 0 });
    expect(g.up(at(16, 8))).toEqual({ type: 'none' });
    g.down({ point: at(0, 0), ...press(Button.Left, false, true) });
    expect(g.move(at(3, 3))).toEqual({ type: 'pan', dx: 3, dy: 3 });
    expect(g.up(at(3, 3))).toEqual({ type: 'none' });
  });

  it('moving without a button is hover; cancel ends a gesture without an intent', () => {
    const g = new PointerGesture();
    expect(g.move(at(7, 7))).toEqual({ type: 'hover', point: at(7, 7) });
    g.down({ point: at(0, 0), ...press(Button.Left) });
    g.cancel();
    expect(g.up(at(0, 0))).toEqual({ type: 'none' });
  });
});
