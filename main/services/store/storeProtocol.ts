/** Messages between StoreClient (main / serve thread) and the store worker. */
import type { SerializedError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';

export type WorkerRole = 'store' | 'export';

export interface WorkerRequest {
  readonly id: number;
  readonly method: string;
  readonly args: unknown[];
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError }
  | { readonly event: AppEvent }
  | { readonly ready: true };
