import { EventEmitter } from 'node:events';
import { SamlabelError, deserializeError, type ErrorCode } from '../../shared/errors.js';
import type { BackendInfo } from './backend.js';
import { DEFAULT_RAM_CAP_BYTES, defaultCacheDir, diskCapFromEnv } from './cacheConfig.js';
import type { EngineCounters } from './engineCore.js';
import { forkLauncher, type EngineChild, type EngineLauncher } from './engineLauncher.js';
import { resultSchemas, type CacheInfo, type EngineMethod, type Params, type Result } from './engineMethods.js';
import { eventSchema, type EngineInit } from './engineProtocol.js';
import type { ModelSpec } from './modelSpec.js';
import type { PointBatchRequest, PointBatchResult } from './pointBatch.js';
import type { PredictRequest, PredictResult, Predictor, SetImageResult } from './predictor.js';
import { DEFAULT_RUNTIME, type RuntimeOptions } from './providers.js';

export interface EngineClientOptions {
  readonly model: ModelSpec;
  readonly runtime?: RuntimeOptions;
  readonly cacheDir?: string;
  readonly diskCapBytes?: number;
  readonly ramCapBytes?: number;
  readonly maxPixels?: number;
  readonly launcher?: EngineLauncher;
  readonly startTimeoutMs?: number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export type EngineState = 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';

interface Pending {
  readonly method: EngineMethod;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

const DEFAULT_TIMEOUT_MS: Record<EngineMethod, number> = {
  setImage: 15 * 60_000,
  predict: 60_000,
  predictPointBatch: 10 * 60_000,
  stats: 10_000,
  cacheInfo: 10_000,
  cacheClear: 60_000,
  useCacheDir: 10_000,
};

/**
 * The caller's side of the engine process. Never blocks and never hangs: a crash rejects every pending
 * call with EngineCrashed and restarts the child; a timeout or an abort kills it (a blocked onnxruntime
 * run() cannot hear a message) and restarts it. Emits 'state', 'warning' and 'started' ({id, method}: the
 * engine began running a call).
 */
export class EngineClient extends EventEmitter implements Predictor {
  state: EngineState = 'starting';
  info: BackendInfo = { modelId: '', lowResSize: 0, provider: '' };
  warnings: string[] = [];
  private child: EngineChild | undefined;
  private ready: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private generation = 0;
  private imageGeneration = -1;
  private lastImage: string | Uint8Array | undefined;
  private cacheDir: string;

  private constructor(private readonly options: EngineClientOptions) {
    super();
    this.cacheDir = options.cacheDir ?? defaultCacheDir();
  }

  static async start(options: EngineClientOptions): Promise<EngineClient> {
    const client = new EngineClient(options);
    client.spawn();
    try {
      await client.ready;
    } catch (err) {
      client.close();
      throw err;
    }
    return client;
  }

  get modelId(): string {
    return this.info.modelId;
  }

  private initMessage(): EngineInit {
    const o = this.options;
    return {
      type: 'init',
      model: o.model,
      runtime: o.runtime ?? DEFAULT_RUNTIME,
      cacheDir: this.cacheDir,
      diskCapBytes: o.diskCapBytes ?? diskCapFromEnv(),
      ramCapBytes: o.ramCapBytes ?? DEFAULT_RAM_CAP_BYTES,
      maxPixels: o.maxPixels,
    };
  }

  private setState(state: EngineState): void {
    this.state = state;
    this.emit('state', state);
  }

  private spawn(): void {
    this.generation++;
    const child = (this.options.launcher ?? forkLauncher())();
    this.child = child;
    this.setState(this.generation === 1 ? 'starting' : 'restarting');
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new SamlabelError('EngineTimeout', 'engine did not start in time')), this.options.startTimeoutMs ?? 120_000);
      let started = false;
      const fail = (err: SamlabelError): void => {
        clearTimeout(timer);
        if (started) return;
        if (this.child === child) this.setState('failed');
        child.kill();
        reject(err);
      };
      child.onMessage((raw) => {
        const event = eventSchema.safeParse(raw);
        if (!event.success) return this.onGarbage(child);
        const e = event.data;
        if (e.type === 'ready') {
          clearTimeout(timer);
          started = true;
          this.info = e.info;
          this.warnings = e.warnings;
          for (const w of e.warnings) this.emit('warning', w);
          this.setState('ready');
          resolve();
        } else if (e.type === 'started') this.onStarted(e.id);
        else if (e.type === 'fatal') fail(fromWire(e.error));
        else if (e.ok) this.onResult(child, e.id, e.value);
        else this.settle(e.id, { error: fromWire(e.error) });
      });
      child.onExit((code, signal, stderr) => {
        const detail = `engine process exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.split('\n').pop()}` : ''}`;
        fail(new SamlabelError('EngineCrashed', detail));
        this.onExit(child, detail);
      });
      child.send(this.initMessage());
    });
    this.ready.catch(() => undefined);
  }

  private onStarted(id: number): void {
    const call = this.pending.get(id);
    if (call) this.emit('started', { id, method: call.method });
  }

  /** A result that does not match its method's schema is garbage like any other: the engine is restarted. */
  private onResult(child: EngineChild, id: number, value: unknown): void {
    if (this.child !== child) return;
    const call = this.pending.get(id);
    if (!call) return;
    const checked = resultSchemas[call.method].safeParse(value);
    // Restarted at once (as on a timeout), so the next call goes to a fresh child, not the dying one.
    if (!checked.success) return this.restart('EngineCrashed', `engine sent a malformed ${call.method} result (${checked.error.issues[0]?.message}); restarted it`);
    // The validated original, not zod's copy: a predict result holds megabytes of logits.
    this.settle(id, { value });
  }

  private onGarbage(child: EngineChild): void {
    if (this.child !== child) return;
    this.rejectAll(new SamlabelError('EngineCrashed', 'engine sent a malformed message; restarting it'));
    child.kill();
  }

  private onExit(child: EngineChild, detail: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.rejectAll(new SamlabelError('EngineCrashed', detail));
    if (this.state !== 'closed') this.spawn();
  }

  private rejectAll(err: SamlabelError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(err);
  }

  private settle(id: number, outcome: { value: unknown } | { error: Error }): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if ('error' in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
  }

  /** Kill and start again, rejecting what is in flight with `code`. */
  private restart(code: ErrorCode, message: string): void {
    const child = this.child;
    this.child = undefined;
    this.rejectAll(new SamlabelError(code, message));
    child?.kill();
    if (this.state !== 'closed') this.spawn();
  }

  private async call<M extends EngineMethod>(method: M, params: Params<M>, options: CallOptions = {}): Promise<Result<M>> {
    if (this.state === 'closed') throw new SamlabelError('EngineClosed', 'engine client is closed');
    if (this.state === 'failed') this.spawn();
    await this.ready;
    const child = this.child;
    if (!child) throw new SamlabelError('EngineCrashed', 'engine is not running');
    if (options.signal?.aborted) throw new SamlabelError('EngineCancelled', `${method} cancelled`);
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[method];
      const onAbort = (): void => this.restart('EngineCancelled', `${method} cancelled`);
      const timer = setTimeout(() => this.restart('EngineTimeout', `${method} took longer than ${timeoutMs} ms; engine restarted`), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.pending.set(id, {
        method,
        resolve: (v) => (done(), resolve(v as Result<M>)),
        reject: (e) => (done(), reject(e)),
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.send(params === undefined ? { id, method } : { id, method, params });
    });
  }

  async setImage(image: string | Uint8Array, options?: CallOptions): Promise<SetImageResult> {
    const params = typeof image === 'string' ? { path: image } : { bytes: image };
    const result = await this.call('setImage', params, options);
    this.lastImage = image;
    this.imageGeneration = this.generation;
    return result;
  }

  async predict(request: PredictRequest, options?: CallOptions): Promise<PredictResult> {
    // A restarted engine has lost the current image; set it again (a disk-cache hit) before predicting.
    if (this.lastImage !== undefined && this.imageGeneration !== this.generation) await this.setImage(this.lastImage, options);
    return this.call('predict', request, options);
  }

  /** Many single-point prompts at once, filtered in the engine: SamAutomaticMaskGenerator's points_per_batch. */
  async predictPointBatch(request: PointBatchRequest, options?: CallOptions): Promise<PointBatchResult> {
    if (this.lastImage !== undefined && this.imageGeneration !== this.generation) await this.setImage(this.lastImage, options);
    return this.call('predictPointBatch', request, options);
  }

  stats(): Promise<EngineCounters> {
    return this.call('stats', undefined);
  }

  cacheInfo(): Promise<CacheInfo> {
    return this.call('cacheInfo', undefined);
  }

  cacheClear(): Promise<void> {
    return this.call('cacheClear', undefined);
  }

  /** Moves the disk cache (e.g. into an opened project's .samlabel/embeddings); restarts keep the new folder. */
  async useCacheDir(cacheDir: string): Promise<void> {
    await this.call('useCacheDir', { cacheDir });
    this.cacheDir = cacheDir;
  }

  close(): void {
    this.setState('closed');
    const child = this.child;
    this.child = undefined;
    this.rejectAll(new SamlabelError('EngineClosed', 'engine client closed'));
    child?.kill();
  }
}

/** Code, name and message as the engine threw them; an unknown code becomes Internal. */
function fromWire(error: { readonly code: string; readonly message: string; readonly name?: string }): SamlabelError {
  const err = deserializeError({ code: error.code as ErrorCode, message: error.message });
  if (error.name) err.name = error.name;
  return err;
}
