import { describe, expect, it } from 'vitest';
import { commandFor } from '../../../renderer/editor/keymap.js';

describe('keymap', () => {
  it.each([
    [{ key: 'a' }, { type: 'prevImage' }],
    [{ key: 'ArrowLeft' }, { type: 'prevImage' }],
    [{ key: 'd' }, { type: 'nextImage' }],
    [{ key: 'ArrowRight' }, { type: 'nextImage' }],
    [{ key: 'A', ctrl: true, shift: true }, { type: 'prevTodo' }],
    [{ key: 'D', ctrl: true, shift: true }, { type: 'nextTodo' }],
    [{ key: 'f' }, { type: 'fit' }],
    [{ key: 'Backspace' }, { type: 'removePrompt' }],
    [{ key: 'Escape' }, { type: 'clearPrompts' }],
    [{ key: 'Tab' }, { type: 'cycle' }],
    [{ key: 'Enter' }, { type: 'accept' }],
    [{ key: 'n' }, { type: 'acceptNext' }],
    [{ key: 'z', ctrl: true }, { type: 'undo' }],
    [{ key: 'z', meta: true }, { type: 'undo' }],
    [{ key: 'Z', ctrl: true, shift: true }, { type: 'redo' }],
    [{ key: 'y', ctrl: true }, { type: 'redo' }],
    [{ key: '?', shift: true }, { type: 'help' }],
    [{ key: '1' }, { type: 'candidate', index: 0 }],
    [{ key: '3' }, { type: 'candidate', index: 2 }],
    [{ key: '1', ctrl: true }, { type: 'label', index: 0 }],
    [{ key: '9', ctrl: true }, { type: 'label', index: 8 }],
  ])('%o → %o', (stroke, command) => {
    expect(commandFor(stroke)).toEqual(command);
  });

  it.each([
    [{ key: '4' }],
    [{ key: 'A', shift: true }],
    [{ key: 'Tab', shift: true }],
    [{ key: 'z', alt: true }],
    [{ key: 'd', ctrl: true }],
    [{ key: '0', ctrl: true }],
  ])('%o is not a shortcut', (stroke) => {
    expect(commandFor(stroke)).toBeNull();
  });
});
