/**
 * The Electron front door over the app's services: the store worker, the engine (utilityProcess, or
 * anything EngineLike), settings, every contract channel registered on ipcMain, events sent to the
 * app's own windows only, and the image lookup behind samlabel-image://. Electron's objects come in
 * as structural parameters, so Node tests compose the real thing with fakes of ipcMain and windows.
 */
import type { AppEvent } from '../../shared/ipc/events.js';
import { EVENT_CHANNEL } from '../../shared/ipc/events.js';
import { createAppHandlers, engineInfo, parseId } from '../ipc/appHandlers.js';
import { EventHub } from '../ipc/events.js';
import { register, type IpcMainLike } from '../ipc/register.js';
import { AppServices, type AppSettingsFile } from '../services/app/appServices.js';
import type { EngineLike } from '../services/app/engineSession.js';
import { displayImage, thumbnail } from '../services/app/imageFiles.js';
import type { SettingsStore } from '../services/settings/settingsStore.js';
import { startExportWorker, startStore } from '../services/store/storeClient.js';
import { imageUrls, type ImageLookup } from './imageScheme.js';

/** The part of a BrowserWindow events need. */
export interface WindowLike {
  readonly webContents: { send(channel: string, payload: unknown): void; getURL(): string; isDestroyed(): boolean };
}

export interface ComposeOptions {
  readonly identity: { readonly name: string; readonly version: string };
  readonly ipcMain: IpcMainLike;
  readonly engine: EngineLike;
  readonly settings: SettingsStore<AppSettingsFile>;
  readonly isTrustedUrl: (url: string) => boolean;
  readonly windows: () => readonly WindowLike[];
  readonly pickFolder: () => Promise<string | null>;
  /** out/main/storeWorker.js in the bundle. */
  readonly storeEntry?: string;
  readonly requestedProvider?: string;
  readonly onError?: (channel: string, error: unknown) => void;
}

export interface ComposedApp {
  readonly services: AppServices;
  readonly lookupImage: ImageLookup;
  close(): Promise<void>;
}

export async function composeApp(options: ComposeOptions): Promise<ComposedApp> {
  const events = new EventHub();
  // Only the app's own pages hear events: a window that navigated elsewhere (it should not be able to) gets nothing.
  events.subscribe((event: AppEvent) => {
    for (const window of options.windows()) {
      if (!window.webContents.isDestroyed() && options.isTrustedUrl(window.webContents.getURL())) window.webContents.send(EVENT_CHANNEL, event);
    }
  });
  const store = await startStore({ entry: options.storeEntry, onEvent: events.emit });
  const services = new AppServices({
    env: {
      mode: 'electron',
      platform: process.platform,
      name: options.identity.name,
      version: options.identity.version,
      pickFolder: options.pickFolder,
      requestedProvider: options.requestedProvider ?? 'cpu',
      imageUrls,
    },
    engine: options.engine,
    store,
    settings: options.settings,
    startExportWorker: (onEvent) => startExportWorker({ entry: options.storeEntry, onEvent }),
    emit: events.emit,
  });
  // State changes and warnings (e.g. a GPU asked for, CPU used) reach the status bar as they happen.
  options.engine.on('state', () => events.emit({ type: 'engine', info: engineInfo(services) }));
  options.engine.on('warning', () => events.emit({ type: 'engine', info: engineInfo(services) }));
  const unregister = register(options.ipcMain, createAppHandlers(services), { isTrustedUrl: options.isTrustedUrl, onError: options.onError });
  const lookupImage: ImageLookup = async (kind, imageId) => {
    const loc = await store.call('locateImage', parseId(imageId, 'image'));
    return kind === 'image' ? displayImage(loc) : thumbnail(loc);
  };
  return {
    services,
    lookupImage,
    close: async () => {
      unregister();
      await services.close();
    },
  };
}
