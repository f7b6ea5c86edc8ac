/** Model and execution provider (with a warning on fallback), embedding state, last click latency, precompute progress. */
import type { ReactElement } from 'react';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';

export function StatusBar({ workspace }: { workspace: Workspace }): ReactElement {
  const { engine, precompute } = useObservable(workspace);
  const { embedding, lastLatencyMs } = useObservable(workspace.session);
  const unknown = t('statusBar.unknown');
  const fallback = engine !== null && engine.requestedProvider !== engine.provider;
  const done = precompute?.done ?? 0;
  const total = done + (precompute?.queued ?? 0) + (precompute?.current ? 1 : 0);
  return (
    <footer
      className="status-bar"
      data-testid="status-bar"
      data-model={engine?.modelId ?? ''}
      data-provider={engine?.provider ?? ''}
      data-embedding={embedding}
    >
      <span>{t('statusBar.model', { model: engine?.modelId ?? unknown })}</span>
      <span>{t('statusBar.provider', { provider: engine?.provider ?? unknown })}</span>
      {fallback && (
        <span className="warning" role="status">
          {t('statusBar.providerFallback', { provider: engine.provider })}
        </span>
      )}
      {engine?.warnings.map((w) => (
        <span key={w} className="warning">
          {w}
        </span>
      ))}
      <span className={`embedding embedding-${embedding}`}>{t(`statusBar.embedding.${embedding}`)}</span>
      {lastLatencyMs !== null && <span>{t('statusBar.latency', { ms: Math.round(lastLatencyMs) })}</span>}
      {total > 0 && <span>{t('statusBar.precompute', { done, total })}</span>}
    </footer>
  );
}
