/**
 * Keyboard shortcuts as data: a key event → an editor command. Plain digits choose candidates and
 * Ctrl+digits pick labels (as in CVAT); Cmd counts as Ctrl so the same table serves macOS.
 */
export type Command =
  | { readonly type: 'prevImage' | 'nextImage' | 'prevTodo' | 'nextTodo' | 'fit' }
  | { readonly type: 'removePrompt' | 'clearPrompts' | 'cycle' | 'accept' | 'acceptNext' }
  | { readonly type: 'undo' | 'redo' | 'help' | 'auto' | 'review' }
  | { readonly type: 'candidate'; readonly index: number }
  | { readonly type: 'label'; readonly index: number };

export interface KeyStroke {
  readonly key: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

type Mods = 'plain' | 'ctrl' | 'ctrlShift';

/** [modifiers, key (lower case), command]; shifted printable keys ('?') are matched as typed. */
const table: ReadonlyArray<readonly [Mods, string, Command]> = [
  ['plain', 'a', { type: 'prevImage' }],
  ['plain', 'arrowleft', { type: 'prevImage' }],
  ['plain', 'd', { type: 'nextImage' }],
  ['plain', 'arrowright', { type: 'nextImage' }],
  ['ctrlShift', 'a', { type: 'prevTodo' }],
  ['ctrlShift', 'd', { type: 'nextTodo' }],
  ['plain', 'f', { type: 'fit' }],
  ['plain', 'backspace', { type: 'removePrompt' }],
  ['plain', 'escape', { type: 'clearPrompts' }],
  ['plain', 'tab', { type: 'cycle' }],
  ['plain', 'enter', { type: 'accept' }],
  ['plain', 'n', { type: 'acceptNext' }],
  ['ctrl', 'z', { type: 'undo' }],
  ['ctrlShift', 'z', { type: 'redo' }],
  ['ctrl', 'y', { type: 'redo' }],
  ['plain', '?', { type: 'help' }],
  ['plain', 'g', { type: 'auto' }],
  ['plain', 'r', { type: 'review' }],
  ...[1, 2, 3].map((n) => ['plain', String(n), { type: 'candidate', index: n - 1 }] as const),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ['ctrl', String(n), { type: 'label', index: n - 1 }] as const),
];

function modsOf(stroke: KeyStroke): Mods | null {
  const ctrl = Boolean(stroke.ctrl || stroke.meta);
  if (stroke.alt) return null;
  if (ctrl) return stroke.shift ? 'ctrlShift' : 'ctrl';
  // Shift alone is part of the character ('?', 'A'); Shift+Tab etc. are left to the browser.
  return stroke.shift && stroke.key.length !== 1 ? null : 'plain';
}

export function commandFor(stroke: KeyStroke): Command | null {
  const mods = modsOf(stroke);
  if (!mods) return null;
  const key = stroke.key.toLowerCase();
  // A shifted letter without Ctrl is a capital, typed on purpose: not a shortcut.
  if (mods === 'plain' && stroke.shift && key !== '?') return null;
  return table.find(([m, k]) => m === mods && k === key)?.[2] ?? null;
}
