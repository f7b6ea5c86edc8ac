/**
 * The services of the labelling app, composed once and shared by both front doors: Electron
 * (main/app, IPC) and `samlabel serve` (main/server, HTTP + WebSocket). Plain Node: the pieces that
 * differ (engine launcher, settings backend, folder dialog, image URLs) come in as options.
 */
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { SettingsStore } from '../settings/settingsStore.js';
import type { ExportWorker, StoreClient } from '../store/storeClient.js';
import type { ProjectSummaryOut } from '../store/storeService.js';
import { EngineSession, type EngineLike } from './engineSession.js';
import { ExportManager } from './exports.js';

export interface AppSettings {
  precomputeAhead: number;
  hoverPreview: boolean;
  hoverDelayMs: number;
}

export interface RecentProject {
  folder: string;
  name: string;
  openedAt: number;
}

/** What is persisted: the settings and the recent-projects list. */
export interface AppSettingsFile {
  settings: AppSettings;
  recentProjects: RecentProject[];
}

export const DEFAULT_SETTINGS: AppSettings = { precomputeAhead: 5, hoverPreview: true, hoverDelayMs: 150 };
const RECENT_KEPT = 10;

export interface AppEnvironment {
  readonly mode: 'electron' | 'serve';
  readonly platform: string;
  readonly name: string;
  readonly version: string;
  /** The native folder dialog (Electron); absent in serve. */
  readonly pickFolder?: () => Promise<string | null>;
  /** Serve: the one folder the page may open. */
  readonly servedFolder?: string;
  /** Same-origin URLs of an image and its thumbnail (samlabel-image:// or /image/…); `v` busts caches. */
  readonly imageUrls: (imageId: string, version: string) => { url: string; thumbUrl: string };
  /** The provider the user asked for (settings / --provider), to show a fallback. */
  readonly requestedProvider: string;
}

export interface AppServicesOptions {
  readonly env: AppEnvironment;
  readonly engine: EngineLike;
  readonly store: StoreClient;
  readonly settings: SettingsStore<AppSettingsFile>;
  readonly startExportWorker: (onEvent: (event: AppEvent) => void) => Promise<ExportWorker>;
  readonly emit: (event: AppEvent) => void;
}

export class AppServices {
  readonly env: AppEnvironment;
  readonly store: StoreClient;
  readonly session: EngineSession;
  readonly exports: ExportManager;
  readonly emit: (event: AppEvent) => void;
  private readonly settingsStore: SettingsStore<AppSettingsFile>;

  constructor(options: AppServicesOptions) {
    this.env = options.env;
    this.store = options.store;
    this.emit = options.emit;
    this.settingsStore = options.settings;
    this.session = new EngineSession(options.engine, options.store, options.emit);
    this.exports = new ExportManager(options.startExportWorker, options.emit);
  }

  getSettings(): AppSettings {
    return { ...DEFAULT_SETTINGS, ...this.settingsStore.get('settings') };
  }

  setSettings(patch: Partial<AppSettings>): AppSettings {
    const next = { ...this.getSettings(), ...patch };
    this.settingsStore.set('settings', next);
    return next;
  }

  recentProjects(): RecentProject[] {
    return this.settingsStore.get('recentProjects') ?? [];
  }

  /** Opens a folder's project (the store worker inits it on first use), remembers it, starts an incremental scan. */
  async openProject(folder: string): Promise<ProjectSummaryOut> {
    this.session.reset();
    const summary = await this.store.call('openProject', folder);
    const recent = this.recentProjects().filter((p) => p.folder !== summary.folder);
    this.settingsStore.set('recentProjects', [{ folder: summary.folder, name: summary.name, openedAt: Date.now() }, ...recent].slice(0, RECENT_KEPT));
    // Embeddings live with the project (a re-opened folder is ready to click); a failure only costs the cache.
    await this.store
      .call('embeddingsDir')
      .then((dir) => this.session.engine.useCacheDir(dir))
      .catch(() => undefined);
    this.emit({ type: 'project', change: 'opened' });
    // The folder may have changed since the last visit; the scan reports through `scan` events.
    this.store.call('scan').catch(() => undefined);
    return summary;
  }

  async close(): Promise<void> {
    await this.exports.closeAll();
    await this.store.call('closeProject').catch(() => undefined);
    await this.store.terminate();
  }
}
