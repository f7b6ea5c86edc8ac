/**
 * The main window and the web-contents rules every window gets. Follows Electron's security
 * checklist: sandbox + context isolation, no Node in the page, no navigation, no new windows,
 * no webviews, permissions denied by default.
 */
import { app, BrowserWindow, session } from 'electron';
import type { RendererLocation } from './trustedUrl.js';

export interface WindowPaths extends RendererLocation {
  readonly preloadPath: string;
}

/** Checklist #13/#14/#5: applied to every web contents, including any created later. */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // A single-page app never navigates; a navigation is a bug or an attack (e.g. a dropped file or link).
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export async function createMainWindow(paths: WindowPaths): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'samlabel',
    webPreferences: {
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (paths.devServerUrl) await window.loadURL(paths.devServerUrl);
  else await window.loadFile(paths.indexHtmlPath);
  return window;
}
