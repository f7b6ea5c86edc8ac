/** Name and version from main, loaded once; kept out of the component so App only renders. */
import { useEffect, useState } from 'react';
import { client } from '../ipc/client.js';

export type AppInfo = { state: 'loading' } | { state: 'ready'; name: string; version: string } | { state: 'error'; message: string };

export function useAppInfo(): AppInfo {
  const [info, setInfo] = useState<AppInfo>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    client.app
      .version()
      .then(({ name, version }) => live && setInfo({ state: 'ready', name, version }))
      .catch((err: unknown) => live && setInfo({ state: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
