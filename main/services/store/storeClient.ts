/**
 * The project store as the app sees it: one store worker (workerClient.ts), supervised. A worker that
 * dies (an uncaught exception, out of memory) fails the calls in flight with StoreCrashed, never leaves
 * them hanging, and is restarted with the same project re-opened; a `store` event tells the page.
 * Writes in flight are not retried (the call may be what crashed it, and each write is one SQLite
 * transaction, so it either happened or left the previous state); reads are retried once. More than
 * `maxRestarts` crashes within `restartWindowMs` and the store stops for good: every call is StoreFailed.
 */
import { isSamlabelError, SamlabelError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { ExportService } from './exportJob.js';
import type { StoreService } from './storeService.js';
import { WorkerClient, type Args, type Methods, type Result, type WorkerClientOptions } from './workerClient.js';

export { defaultStoreEntry, WorkerClient, type WorkerClientOptions } from './workerClient.js';

export interface StoreClientOptions extends WorkerClientOptions {
  /** Restarts allowed within `restartWindowMs`; one more crash and the store is failed. */
  readonly maxRestarts?: number;
  readonly restartWindowMs?: number;
}

export type StoreState = 'ready' | 'restarting' | 'failed' | 'closed';

const DEFAULT_MAX_RESTARTS = 3;
const DEFAULT_RESTART_WINDOW_MS = 60_000;

/** Calls that only read: safe to send again to the restarted worker. Anything else is not retried. */
const READ_METHODS: ReadonlySet<string> = new Set<keyof StoreService>([
  'summary',
  'currentFolder',
  'embeddingsDir',
  'listImages',
  'findImage',
  'locateImage',
  'listAnnotations',
  'hasAutoMasks',
  'listLabels',
  'historyState',
]);

export class SupervisedStore<S extends StoreService = StoreService> {
  state: StoreState = 'ready';
  private restarting: Promise<void> | undefined;
  private failure: SamlabelError | undefined;
  /** The folder to re-open after a restart: the last one opened successfully, until closed. */
  private folder: string | null = null;
  private crashes: number[] = [];

  private constructor(
    private worker: WorkerClient<S>,
    private readonly options: StoreClientOptions,
  ) {
    this.watch(worker);
  }

  static async start<S extends StoreService = StoreService>(options: StoreClientOptions = {}): Promise<SupervisedStore<S>> {
    return new SupervisedStore(await WorkerClient.start<S>('store', options), options);
  }

  async call<M extends Methods<S>>(method: M, ...args: Args<S, M>): Promise<Result<S, M>> {
    const name = String(method);
    if (name === 'openProject' || name === 'closeProject') this.folder = null;
    let worker = this.restarting || this.failure ? await this.current() : this.worker;
    // Died, its exit not yet seen: this call was never sent, so it goes to the restarted worker, write or not.
    if (worker.failure) worker = await worker.exited.then(() => this.current());
    try {
      const value = await worker.call(method, ...args);
      if (name === 'openProject') this.folder = String(args[0]);
      return value;
    } catch (err) {
      if (!isSamlabelError(err, 'StoreCrashed')) throw err;
      if (!READ_METHODS.has(name)) throw new SamlabelError('StoreCrashed', `${err.message}; ${name} was not retried (it may not have happened), the store restarts`);
      await worker.exited; // by then watch() has started the restart this read waits for
      return (await this.current()).call(method, ...args);
    }
  }

  /** Stops the worker for good (app quit, serve stop); later calls are StoreFailed. */
  async terminate(): Promise<void> {
    this.state = 'closed';
    this.failure ??= new SamlabelError('StoreFailed', 'the project store is closed');
    await this.restarting;
    await this.worker.terminate();
  }

  /** The live worker, after a restart in progress; the failure once the store has given up. */
  private async current(): Promise<WorkerClient<S>> {
    await this.restarting;
    if (this.failure) throw this.failure;
    return this.worker;
  }

  private watch(worker: WorkerClient<S>): void {
    void worker.exited.then(() => {
      if (worker !== this.worker || this.closed) return;
      const cause = worker.failure ?? new SamlabelError('StoreCrashed', 'store worker stopped');
      this.restarting = this.restart(cause).finally(() => (this.restarting = undefined));
    });
  }

  private async restart(cause: SamlabelError): Promise<void> {
    this.state = 'restarting';
    for (;;) {
      if (!this.mayRestart()) return this.giveUp(cause);
      try {
        const worker = await this.reopen();
        if (this.closed) return worker.terminate(); // closed while it started
        this.worker = worker;
        this.state = 'ready';
        this.watch(this.worker);
        return this.emit({ type: 'store', state: 'restarted', error: cause.toJSON() });
      } catch (err) {
        // The project no longer opens (e.g. now corrupt): restarting again would not help.
        if (!isSamlabelError(err, 'StoreCrashed')) return this.giveUp(err instanceof SamlabelError ? err : cause, 'could not re-open the project');
        cause = err;
      }
    }
  }

  /** A fresh worker with the project open again; a worker that fails to re-open it is not kept. */
  private async reopen(): Promise<WorkerClient<S>> {
    const worker = await WorkerClient.start<S>('store', this.options);
    const folder = this.folder;
    if (folder === null) return worker;
    try {
      await (worker as unknown as WorkerClient<StoreService>).call('openProject', folder);
      return worker;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  }

  /** Counts this crash; false once more than maxRestarts fell within the window. */
  private mayRestart(): boolean {
    const now = Date.now();
    const windowMs = this.options.restartWindowMs ?? DEFAULT_RESTART_WINDOW_MS;
    this.crashes = [...this.crashes.filter((at) => now - at < windowMs), now];
    return this.crashes.length <= (this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS);
  }

  private giveUp(cause: SamlabelError, why?: string): void {
    if (this.closed) return;
    const windowS = Math.round((this.options.restartWindowMs ?? DEFAULT_RESTART_WINDOW_MS) / 1000);
    const what = why ?? `crashed ${this.crashes.length} times in ${windowS} s`;
    this.failure = new SamlabelError('StoreFailed', `the project store ${what} and was not restarted (${cause.message}); restart samlabel`);
    this.state = 'failed';
    this.emit({ type: 'store', state: 'failed', error: this.failure.toJSON() });
  }

  private get closed(): boolean {
    return this.state === 'closed';
  }

  private emit(event: AppEvent): void {
    this.options.onEvent?.(event);
  }
}

export type StoreClient = SupervisedStore;
export type ExportWorker = WorkerClient<ExportService>;

export const startStore = (options?: StoreClientOptions): Promise<StoreClient> => SupervisedStore.start(options);
export const startExportWorker = (options?: WorkerClientOptions): Promise<ExportWorker> => WorkerClient.start<ExportService>('export', options);
