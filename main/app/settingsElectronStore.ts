import ElectronStore from 'electron-store';
import type { SettingsStore } from '../services/settings/settingsStore.js';

/**
 * The app's SettingsStore: electron-store (atomic JSON in userData) behind samlabel's interface.
 * Dot notation is off so a key is a key, never a path; values were typed by the caller's `S`.
 */
export function electronSettingsStore<S extends object>(name: string): SettingsStore<S> {
  const store = new ElectronStore<Record<string, unknown>>({ name, accessPropertiesByDotNotation: false });
  return {
    get: <K extends keyof S & string>(key: K) => store.get(key) as S[K] | undefined,
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
