/**
 * Untrusted text (file names, label names, paths read from files) made safe to print on a terminal
 * or in a one-line message: control characters are shown escaped instead of acting (an ESC from a
 * hostile file name could recolour or rewrite the user's terminal; a newline would forge a second
 * message line), and a long value is cut so one name cannot flood the output.
 */

/** Longest untrusted value printed whole, in code points; longer ones end in '…'. */
export const DISPLAY_MAX_CHARS = 200;

/**
 * C0 controls, DEL and C1 controls; the Unicode line/paragraph separators; and the bidirectional
 * overrides and isolates, which can make a name read differently from what it is (Trojan Source).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes control characters (`\x1b`, `\x0a`, `\u202e`) without cutting. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * `value` as it may be printed: control characters escaped, then cut to `maxChars` code points
 * (never inside a surrogate pair or an escape) with '…' marking the cut.
 */
export function displayText(value: string, maxChars = DISPLAY_MAX_CHARS): string {
  const chars = Array.from(value);
  const cut = chars.length > maxChars;
  const escaped = escapeControls((cut ? chars.slice(0, maxChars) : chars).join(''));
  return cut ? `${escaped}…` : escaped;
}
