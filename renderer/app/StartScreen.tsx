/** No project open: pick a folder (desktop) or reopen a recent one. */
import type { ReactElement } from 'react';
import { t } from '../i18n/i18n.js';
import type { Environment, RecentProject } from './useProject.js';

interface StartProps {
  readonly environment: Environment | null;
  readonly recent: readonly RecentProject[];
  readonly onPick: () => void;
  readonly onOpen: (path: string) => void;
}

export function StartScreen({ environment, recent, onPick, onOpen }: StartProps): ReactElement {
  return (
    <main className="start">
      <h1>{t('app.title')}</h1>
      <p>{t('app.noProject')}</p>
      {environment?.canPickFolder && (
        <button type="button" className="primary" onClick={onPick} autoFocus>
          {t('app.openFolder')}
        </button>
      )}
      {recent.length > 0 && (
        <section>
          <h2>{t('app.recent')}</h2>
          <ul>
            {recent.map((p) => (
              <li key={p.folder}>
                <button type="button" onClick={() => onOpen(p.folder)} title={p.folder}>
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
