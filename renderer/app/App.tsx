/** Placeholder shell: proves the renderer → preload → main round trip end to end. */
import type { ReactElement } from 'react';
import { useAppInfo } from './useAppInfo.js';

export function App(): ReactElement {
  const info = useAppInfo();
  return (
    <main className="shell">
      <h1>samlabel</h1>
      {info.state === 'loading' && <p>Loading…</p>}
      {info.state === 'ready' && (
        <p>
          {info.name} {info.version}
        </p>
      )}
      {info.state === 'error' && <p role="alert">Could not reach the app: {info.message}</p>}
    </main>
  );
}
