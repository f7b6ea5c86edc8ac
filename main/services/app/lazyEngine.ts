/**
 * An engine that is still starting: the app's window and IPC must not wait for a model to load, so
 * handlers get this stand-in at once. Calls wait for the engine; state and info read 'starting' until
 * it is up (or 'failed' with the reason as a warning).
 */
import { EventEmitter } from 'node:events';
import { SamlabelError } from '../../../shared/errors.js';
import type { EngineClient, EngineState } from '../../inference/engineClient.js';
import type { EngineLike } from './engineSession.js';

export class LazyEngine extends EventEmitter implements EngineLike {
  private client: EngineClient | undefined;
  private failure: string | undefined;
  private readonly ready: Promise<EngineClient>;

  constructor(starting: Promise<EngineClient>) {
    super();
    this.ready = starting.then(
      (client) => {
        this.client = client;
        client.on('state', (state: EngineState) => this.emit('state', state));
        client.on('warning', (warning: string) => this.emit('warning', warning));
        this.emit('state', client.state);
        return client;
      },
      (err: unknown) => {
        this.failure = err instanceof Error ? err.message : String(err);
        this.emit('state', 'failed');
        throw err instanceof SamlabelError ? err : new SamlabelError('EngineCrashed', this.failure);
      },
    );
    this.ready.catch(() => undefined);
  }

  get state(): EngineState {
    return this.client?.state ?? (this.failure === undefined ? 'starting' : 'failed');
  }

  get info(): EngineClient['info'] {
    return this.client?.info ?? { modelId: '', lowResSize: 0, provider: '' };
  }

  get warnings(): string[] {
    return this.client?.warnings ?? (this.failure === undefined ? [] : [`engine failed to start: ${this.failure}`]);
  }

  setImage: EngineClient['setImage'] = async (...args) => (await this.ready).setImage(...args);
  predict: EngineClient['predict'] = async (...args) => (await this.ready).predict(...args);
  predictPointBatch: EngineClient['predictPointBatch'] = async (...args) => (await this.ready).predictPointBatch(...args);
  useCacheDir: EngineClient['useCacheDir'] = async (...args) => (await this.ready).useCacheDir(...args);

  close(): void {
    void this.ready.then((client) => client.close(), () => undefined);
  }
}
