/** The shell: start screen or workspace, toasts always on top, render errors caught. */
import type { ReactElement } from 'react';
import { Toasts } from '../features/toasts/Toasts.js';
import { WorkspaceView } from '../features/workspace/WorkspaceView.js';
import { t } from '../i18n/i18n.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { StartScreen } from './StartScreen.js';
import { useProject, type ProjectScreen } from './useProject.js';

function Screen({ screen, openPath, pickFolder }: { screen: ProjectScreen; openPath: (p: string) => void; pickFolder: () => void }): ReactElement {
  switch (screen.state) {
    case 'loading':
      return <p className="start muted">{t('app.loading')}</p>;
    case 'unreachable':
      return (
        <main className="start" role="alert">
          <p>{t('app.noTransport', { message: screen.message })}</p>
          <button type="button" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        </main>
      );
    case 'start':
      return <StartScreen environment={screen.environment} recent={screen.recent} onPick={pickFolder} onOpen={openPath} />;
    case 'open':
      return <WorkspaceView workspace={screen.workspace} />;
  }
}

export function App(): ReactElement {
  const project = useProject();
  return (
    <>
      <ErrorBoundary>
        <Screen {...project} />
      </ErrorBoundary>
      <Toasts />
    </>
  );
}
