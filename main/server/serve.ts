/**
 * `samlabel serve`: the app's services (main/services/app) and contract over HTTP + WebSocket on
 * loopback, for any browser. The engine comes in started (the CLI starts it from --model like
 * `segment`); the project store runs in its worker; the served folder is opened before the URL is
 * handed out, so the page finds it with project:current.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SamlabelError } from '../../shared/errors.js';
import { createAppHandlers, engineInfo, parseId } from '../ipc/appHandlers.js';
import { EventHub } from '../ipc/events.js';
import { AppServices, type AppSettingsFile } from '../services/app/appServices.js';
import type { EngineLike } from '../services/app/engineSession.js';
import { displayImage, thumbnail } from '../services/app/imageFiles.js';
import { APP_SETTINGS_FILE, appSettingsFileSchema } from '../services/app/settingsFile.js';
import { configDir } from '../services/settings/configDir.js';
import { JsonFileSettingsStore } from '../services/settings/jsonFileSettingsStore.js';
import { startExportWorker, startStore, type StoreClientOptions } from '../services/store/storeClient.js';
import { authority, Gate, newToken } from './gate.js';
import { createRequestHandler } from './http.js';
import { attachRpc } from './rpc.js';

export interface ServeOptions {
  readonly folder: string;
  readonly host?: string;
  readonly port?: number;
  readonly engine: EngineLike;
  readonly requestedProvider: string;
  readonly rendererDir: string;
  readonly version: string;
  /** The store worker entry, when not beside storeClient (tests and bundles). */
  readonly storeEntry?: string;
  /** The store's restart policy; `testHooks` only from tests (storeTestHooks.ts). */
  readonly store?: Pick<StoreClientOptions, 'maxRestarts' | 'restartWindowMs' | 'testHooks'>;
  readonly onError?: (channel: string, error: unknown) => void;
}

export interface ServeHandle {
  /** `http://host:port/?token=…`: the one line to print. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly services: AppServices;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const events = new EventHub();
  const workerOptions = { ...options.store, entry: options.storeEntry, onEvent: events.emit };
  const store = await startStore(workerOptions);
  const server = createServer();
  let port: number;
  try {
    port = await listen(server, host, options.port ?? 0);
  } catch (err) {
    await store.terminate();
    throw new SamlabelError('BadInput', `cannot listen on ${host}:${options.port ?? 0}: ${(err as Error).message}`);
  }
  const origin = `http://${authority(host, port)}`;
  const services = new AppServices({
    env: {
      mode: 'serve',
      platform: process.platform,
      name: 'samlabel',
      version: options.version,
      servedFolder: options.folder,
      requestedProvider: options.requestedProvider,
      imageUrls: (id, v) => ({ url: `/image/${id}?v=${v}`, thumbUrl: `/thumb/${id}?v=${v}` }),
    },
    engine: options.engine,
    store,
    settings: new JsonFileSettingsStore<AppSettingsFile>(join(configDir(), APP_SETTINGS_FILE), appSettingsFileSchema),
    startExportWorker: (onEvent) => startExportWorker({ entry: options.storeEntry, onEvent }),
    emit: events.emit,
  });
  // State changes and warnings (e.g. a GPU asked for, CPU used) reach the status bar as they happen.
  options.engine.on('state', () => events.emit({ type: 'engine', info: engineInfo(services) }));
  options.engine.on('warning', () => events.emit({ type: 'engine', info: engineInfo(services) }));
  try {
    await services.openProject(options.folder);
  } catch (err) {
    server.close();
    await services.close();
    throw err;
  }
  const token = newToken();
  const gate = new Gate(token, host, port);
  const images = async (kind: 'image' | 'thumb', imageId: string) => {
    const loc = await store.call('locateImage', parseId(imageId, 'image'));
    return kind === 'image' ? displayImage(loc) : thumbnail(loc);
  };
  server.on('request', createRequestHandler({ gate, rendererDir: options.rendererDir, images, socketOrigin: `ws://${authority(host, port)}` }));
  const closeSockets = attachRpc(server, { gate, handlers: createAppHandlers(services), events, onError: options.onError });
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    services,
    close: async () => {
      closeSockets();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
