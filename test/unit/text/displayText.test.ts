import { describe, expect, it } from 'vitest';
import { DISPLAY_MAX_CHARS, displayText, escapeControls } from '../../../shared/text/displayText.js';

describe('displayText', () => {
  it('shows terminal escape codes and line breaks escaped, not acting', () => {
    expect(displayText('cat\u001b[31mRED\u001b[0m.png')).toBe('cat\\x1b[31mRED\\x1b[0m.png');
    expect(displayText('a\nsamlabel: forged line\r\t\u0000\u007f\u009b')).toBe('a\\x0asamlabel: forged line\\x0d\\x09\\x00\\x7f\\x9b');
    expect(displayText('abc\u202egnp.exe\u2028x')).toBe('abc\\u202egnp.exe\\u2028x');
  });

  it('leaves ordinary names, spaces and non-Latin text alone', () => {
    for (const s of ['dog.jpg', 'my photos/IMG 0001.JPG', 'кошка', '猫.png', 'emoji 🐈.png', 'C:\\data\\x.png']) expect(displayText(s)).toBe(s);
  });

  it('cuts a long value to 200 code points with an ellipsis, never inside a surrogate pair', () => {
    const long = 'x'.repeat(5000);
    expect(displayText(long)).toBe(`${'x'.repeat(DISPLAY_MAX_CHARS)}…`);
    const cats = '🐈'.repeat(300);
    const shown = displayText(cats);
    expect(Array.from(shown)).toHaveLength(DISPLAY_MAX_CHARS + 1);
    expect(shown.endsWith('🐈…')).toBe(true);
    expect(displayText('x'.repeat(DISPLAY_MAX_CHARS))).toBe('x'.repeat(DISPLAY_MAX_CHARS));
  });

  it('cuts before escaping, so an escape is never split', () => {
    const shown = displayText(`${'a'.repeat(9)}\u001bbbbb`, 10);
    expect(shown).toBe(`${'a'.repeat(9)}\\x1b…`);
    expect(escapeControls('\u001b'.repeat(3))).toBe('\\x1b\\x1b\\x1b');
  });
});
