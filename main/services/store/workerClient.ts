/**
 * The main-thread side of one store or export worker (as Signal-Desktop's MainSQL): `call(method, ...args)`
 * is typed from the service class that runs in the worker, so a call that does not match a method's
 * signature does not compile. Never blocks: SQLite runs in the worker; a worker that dies fails the calls
 * in flight with StoreCrashed instead of leaving them hanging (storeClient.ts restarts a store worker).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeError, SamlabelError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { WorkerReply, WorkerRequest, WorkerRole } from './storeProtocol.js';

export type Methods<S> = { [K in keyof S]: S[K] extends (...args: never[]) => unknown ? K : never }[keyof S];
export type Args<S, M extends keyof S> = S[M] extends (...args: infer A) => unknown ? A : never;
export type Result<S, M extends keyof S> = S[M] extends (...args: never[]) => infer R ? Awaited<R> : never;

export interface WorkerClientOptions {
  /** The worker entry: built storeWorker.js (CLI dist, Electron out/main), or the .ts source under tsx/vitest. */
  readonly entry?: string;
  readonly onEvent?: (event: AppEvent) => void;
  /** Tests only: the store worker also accepts storeTestHooks.ts' requests (e.g. crash from inside). */
  readonly testHooks?: boolean;
}

/** storeWorker next to this module: .js when built, .ts when run from source. */
export function defaultStoreEntry(): string {
  const js = fileURLToPath(new URL('./storeWorker.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('./storeWorker.ts', import.meta.url));
}

/**
 * Plain CommonJS in a string, so it runs the same everywhere: registers tsx first when the entry is
 * TypeScript (tests, `tsx`), then imports the entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.entryUrl);
})().catch((err) => { setImmediate(() => { throw err; }); });
`;

function tsxApiUrl(): string {
  // tsx's ESM api; its package export resolves to the .cjs build under require, the .mjs sits beside it.
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

export class WorkerClient<S extends object> {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private nextId = 1;
  private exitError: SamlabelError | undefined;
  /** Settles when the worker has stopped, whether it was terminated or died. */
  readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly onEvent: (event: AppEvent) => void,
  ) {
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (err) => this.fail(crashed(err)));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.fail(new SamlabelError('StoreCrashed', `store worker stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  static async start<S extends object>(role: WorkerRole, options: WorkerClientOptions = {}): Promise<WorkerClient<S>> {
    const entry = options.entry ?? defaultStoreEntry();
    const tsxApi = entry.endsWith('.ts') ? tsxApiUrl() : undefined;
    const workerData = { role, entryUrl: pathToFileURL(entry).href, tsxApi, testHooks: options.testHooks === true };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    const client = new WorkerClient<S>(worker, options.onEvent ?? (() => undefined));
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', function first(reply: WorkerReply) {
        if (!('ready' in reply)) return;
        worker.off('message', first);
        resolve();
      });
      // A worker that dies before it is ready (a bad entry, a crash while loading) fails the start.
      void client.exited.then(() => reject(client.failure));
    });
    await ready;
    return client;
  }

  /** Why the worker stopped (StoreCrashed), once it has. */
  get failure(): SamlabelError | undefined {
    return this.exitError;
  }

  call<M extends Methods<S>>(method: M, ...args: Args<S, M>): Promise<Result<S, M>> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method: String(method), args } satisfies WorkerRequest);
    });
  }

  /** Ends the worker now; calls in flight fail. (An export is cancelled this way.) */
  async terminate(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private onReply(reply: WorkerReply): void {
    if ('ready' in reply) return;
    if ('event' in reply) return this.onEvent(reply.event);
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(deserializeError(reply.error));
  }

  private fail(err: SamlabelError): void {
    this.exitError ??= err;
    const calls = [...this.pending.values()];
    this.pending.clear();
    calls.forEach((call) => call.reject(err));
  }
}

function crashed(err: Error): SamlabelError {
  return new SamlabelError('StoreCrashed', `store worker crashed: ${err.message}`);
}
