/** React view of an editor Observable: re-renders when its snapshot changes. */
import { useSyncExternalStore } from 'react';

export interface Subscribable<S> {
  get(): S;
  subscribe(listener: () => void): () => void;
}

export function useObservable<S>(source: Subscribable<S>): S {
  return useSyncExternalStore(source.subscribe, source.get);
}
