/** `?`: every shortcut, from one list, so the help cannot drift from what the keys do (editor/keymap.ts). */
import type { ReactElement } from 'react';
import { t, type MessageKey } from '../../i18n/i18n.js';

const rows: ReadonlyArray<readonly [keys: string | MessageKey, what: MessageKey]> = [
  ['keys.click', 'shortcuts.include'],
  ['keys.rightClick', 'shortcuts.exclude'],
  ['keys.drag', 'shortcuts.box'],
  ['keys.pan', 'shortcuts.pan'],
  ['keys.wheel', 'shortcuts.zoom'],
  ['F', 'shortcuts.fit'],
  ['A / ←', 'shortcuts.prevImage'],
  ['D / →', 'shortcuts.nextImage'],
  ['Ctrl+Shift+A', 'shortcuts.prevTodo'],
  ['Ctrl+Shift+D', 'shortcuts.nextTodo'],
  ['Backspace', 'shortcuts.removePrompt'],
  ['Esc', 'shortcuts.clearPrompts'],
  ['1 / 2 / 3', 'shortcuts.candidate'],
  ['Tab', 'shortcuts.cycle'],
  ['Enter', 'shortcuts.accept'],
  ['N', 'shortcuts.acceptNext'],
  ['Ctrl+1…9', 'shortcuts.pickLabel'],
  ['Ctrl+Z', 'shortcuts.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'shortcuts.redo'],
  ['?', 'shortcuts.help'],
  ['G', 'shortcuts.auto'],
  ['R', 'shortcuts.review'],
];

const keyText = (keys: string): string => (keys.startsWith('keys.') ? t(keys as MessageKey) : keys);

export function ShortcutsHelp({ onClose }: { onClose: () => void }): ReactElement {
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('shortcuts.title')} data-testid="shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>{t('shortcuts.title')}</h2>
        <table>
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={what + keys}>
                <td>
                  <kbd>{keyText(keys)}</kbd>
                </td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
