/** The labelling screen: gallery | editor + candidates | labels + annotations, status bar below. */
import { useCallback, useEffect, type ReactElement } from 'react';
import { commandFor } from '../../editor/keymap.js';
import { t } from '../../i18n/i18n.js';
import { AnnotationList } from '../annotations/AnnotationList.js';
import { AutoPanel } from '../auto/AutoPanel.js';
import { CandidatePanel } from '../editor/CandidatePanel.js';
import { EditorView } from '../editor/EditorView.js';
import { ExportDialog, ExportOpenButton } from '../export/ExportDialog.js';
import { Gallery } from '../gallery/Gallery.js';
import { LabelPicker } from '../labels/LabelPicker.js';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp.js';
import { StatusBar } from '../statusBar/StatusBar.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from './workspace.js';

/** Typing in a field is text, not shortcuts; a focused button keeps Enter and Space. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return true;
  return target.tagName === 'BUTTON' && (key === 'Enter' || key === ' ');
}

function useShortcuts(workspace: Workspace): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (ownsKey(e.target, e.key)) return;
      const command = commandFor({ key: e.key, ctrl: e.ctrlKey, meta: e.metaKey, shift: e.shiftKey, alt: e.altKey });
      if (command && workspace.run(command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace]);
}

export function WorkspaceView({ workspace }: { workspace: Workspace }): ReactElement {
  const state = useObservable(workspace);
  useShortcuts(workspace);
  // Stable, so the gallery's memoised rows do not all re-render on every workspace change.
  const open = useCallback((imageId: string) => void workspace.openImage(imageId), [workspace]);
  return (
    <div className="workspace">
      <Gallery model={workspace.gallery} labels={state.labels} currentImageId={state.image?.imageId ?? null} onOpen={open} />
      <main className="center">
        <div className="toolbar">
          <button type="button" data-testid="prev-image" onClick={() => void workspace.step('previous')}>
            {t('editor.prevImage')}
          </button>
          <button type="button" data-testid="next-image" onClick={() => void workspace.step('next')}>
            {t('editor.nextImage')}
          </button>
          <button type="button" onClick={() => workspace.view.fit()}>
            {t('editor.fit')}
          </button>
          <button type="button" data-testid="mark-done" disabled={!state.image} onClick={() => void workspace.setStatus('done')}>
            {t('editor.markDone')}
          </button>
          <button type="button" data-testid="mark-skipped" disabled={!state.image} onClick={() => void workspace.setStatus('skipped')}>
            {t('editor.markSkipped')}
          </button>
          <ExportOpenButton run={workspace.exports} />
          <span className="muted hint">{t('editor.hint')}</span>
        </div>
        <EditorView workspace={workspace} />
        <CandidatePanel workspace={workspace} />
      </main>
      <aside className="side">
        <LabelPicker workspace={workspace} />
        <AutoPanel workspace={workspace} />
        <AnnotationList workspace={workspace} />
      </aside>
      <StatusBar workspace={workspace} />
      {state.helpOpen && <ShortcutsHelp onClose={() => workspace.toggleHelp(false)} />}
      <ExportDialog run={workspace.exports} />
    </div>
  );
}
