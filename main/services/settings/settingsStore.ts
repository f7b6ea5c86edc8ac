/**
 * Typed key/value settings. `S` maps each key to its value type, so `get('theme')` is typed and a
 * misspelt key does not compile. Implementations: JsonFileSettingsStore (Node: CLI, tests, engine
 * side) and main/app/settingsElectronStore.ts (the app, over electron-store).
 */
export interface SettingsStore<S extends object> {
  get<K extends keyof S & string>(key: K): S[K] | undefined;
  set<K extends keyof S & string>(key: K, value: S[K]): void;
  delete<K extends keyof S & string>(key: K): void;
}
