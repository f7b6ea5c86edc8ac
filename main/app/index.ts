/**
 * Electron main entry (the composition root): the only layer that imports electron. It registers the
 * image scheme, composes the app's services (composeApp.ts: store worker, engine utility process,
 * settings, every IPC channel) and opens the window. The engine starts in the background: the window
 * never waits for a model to load (LazyEngine answers 'starting' until it is up).
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { startModelEngine } from '../services/models/engineService.js';
import type { AppSettingsFile } from '../services/app/appServices.js';
import { LazyEngine } from '../services/app/lazyEngine.js';
import { composeApp, type ComposedApp } from './composeApp.js';
import { handleImageScheme, registerImageScheme } from './imageProtocol.js';
import { electronSettingsStore } from './settingsElectronStore.js';
import { createUrlTrust, type RendererLocation } from './trustedUrl.js';
import { utilityLauncher } from './utilityEngine.js';
import { createMainWindow, hardenWebContents, type WindowPaths } from './window.js';

// Checklist #4: every renderer sandboxed, even one a later change forgets to configure.
app.enableSandbox();
// Privileged schemes must be declared before 'ready'.
registerImageScheme();

const renderer: RendererLocation = {
  // An env var must not be able to point a packaged app (with our preload) at a remote page.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  indexHtmlPath: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
};
const paths: WindowPaths = { ...renderer, preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)) };
/** Built next to index.js by electron.vite.config.ts (mainInputs.storeWorker). */
const storeEntry = fileURLToPath(new URL('./storeWorker.js', import.meta.url));

let engine: LazyEngine | undefined;
let composed: ComposedApp | undefined;

async function pickFolder(): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options = { title: 'Open an image folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

async function start(): Promise<void> {
  hardenWebContents();
  // The default model rule of the CLI: a bundled or downloaded SAM model when there is one, else builtin-classic.
  engine = new LazyEngine(startModelEngine(undefined, { launcher: utilityLauncher() }).then((m) => m.client));
  engine.on('warning', (warning: string) => console.warn(`[engine] ${warning}`));
  composed = await composeApp({
    identity: { name: app.getName(), version: app.getVersion() },
    ipcMain,
    engine,
    settings: electronSettingsStore<AppSettingsFile>('app-settings'),
    isTrustedUrl: createUrlTrust(renderer),
    windows: () => BrowserWindow.getAllWindows(),
    pickFolder,
    storeEntry,
    onError: (channel, error) => console.error(`[ipc] ${channel}:`, error),
  });
  handleImageScheme(composed.lookupImage);
  await createMainWindow(paths);
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error('[app] failed to start:', error);
    app.exit(1);
  });

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(paths);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !composed) return;
  // Hold the quit until the store worker has checkpointed and released the writer lock; then quit for real.
  event.preventDefault();
  closing = true;
  void composed
    .close()
    .catch((error: unknown) => console.error('[app] closing the project failed:', error))
    .finally(() => {
      engine?.close();
      app.quit();
    });
});
