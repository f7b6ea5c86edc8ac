/**
 * Electron main entry (the composition root): the only layer that imports electron. It wires the
 * IPC contract to handlers, starts the engine utility process and opens the window.
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { EngineClient } from '../inference/engineClient.js';
import { BUILTIN_MODEL_ID } from '../inference/modelSpec.js';
import { register } from '../ipc/register.js';
import { createHandlers } from './handlers.js';
import { createUrlTrust, type RendererLocation } from './trustedUrl.js';
import { utilityLauncher } from './utilityEngine.js';
import { createMainWindow, hardenWebContents, type WindowPaths } from './window.js';

// Checklist #4: every renderer sandboxed, even one a later change forgets to configure.
app.enableSandbox();

const renderer: RendererLocation = {
  // An env var must not be able to point a packaged app (with our preload) at a remote page.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  indexHtmlPath: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
};
const paths: WindowPaths = { ...renderer, preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)) };

let engine: EngineClient | undefined;

/**
 * Starts the engine in the background: the window must not wait for a model to load. Not yet used by
 * any IPC handler (engine:* answer "not connected" until the model and project services are wired);
 * started now so the utilityProcess path runs from the first build. The model choice moves to settings.
 */
function startEngine(): void {
  EngineClient.start({ model: { kind: 'builtin', id: BUILTIN_MODEL_ID }, launcher: utilityLauncher() })
    .then((client) => {
      engine = client;
      client.on('state', (state: string) => console.info(`[engine] ${state}`));
      client.on('warning', (warning: string) => console.warn(`[engine] ${warning}`));
    })
    .catch((error: unknown) => console.error('[engine] failed to start:', error));
}

async function start(): Promise<void> {
  hardenWebContents();
  register(ipcMain, createHandlers({ name: app.getName(), version: app.getVersion() }), {
    isTrustedUrl: createUrlTrust(renderer),
    onError: (channel, error) => console.error(`[ipc] ${channel}:`, error),
  });
  startEngine();
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

app.on('will-quit', () => {
  engine?.close();
});
