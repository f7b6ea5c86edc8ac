/**
 * Types derived from the contract (type-only import: the renderer bundle never pulls zod in through here).
 * The sender builds z.input, the receiver gets z.output; they differ only if a schema transforms.
 */
import type { z } from 'zod';
import type { SerializedError } from '../errors.js';
import type { Channel, Contract } from './contract.js';
import type { AppEvent } from './events.js';

export type RequestIn<C extends Channel> = z.input<Contract[C]['request']>;
export type RequestOut<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseIn<C extends Channel> = z.input<Contract[C]['response']>;
export type ResponseOut<C extends Channel> = z.output<Contract[C]['response']>;

/** What crosses IPC: errors as data, because ipcMain.handle keeps only an Error's message (electron#24427). */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerializedError };

export type ServiceName = Channel extends `${infer S}:${string}` ? S : never;
type MethodsOf<S extends ServiceName> = Extract<Channel, `${S}:${string}`>;
type MethodName<C extends Channel> = C extends `${string}:${infer M}` ? M : never;

/** A channel whose request is `undefined` is called with no argument. */
type Call<C extends Channel, R> = undefined extends RequestIn<C> ? (request?: RequestIn<C>) => Promise<R> : (request: RequestIn<C>) => Promise<R>;

/** Subscribes to the one event channel; returns the unsubscribe function. */
export type OnEvent = (listener: (event: AppEvent) => void) => () => void;

/**
 * `window.samlabel`: one function per channel, grouped by service (`samlabel.engine.predict(...)`),
 * plus `onEvent` for the main → renderer events.
 */
export type SamlabelApi = {
  readonly [S in ServiceName]: { readonly [C in MethodsOf<S> as MethodName<C>]: Call<C, IpcResult<ResponseOut<C>>> };
} & { readonly onEvent: OnEvent };

/** The renderer's view: the same shape, values unwrapped, failures thrown as SamlabelError. */
export type SamlabelClient = {
  readonly [S in ServiceName]: { readonly [C in MethodsOf<S> as MethodName<C>]: Call<C, ResponseOut<C>> };
} & { readonly onEvent: OnEvent };

/** `'engine:predict'` → `['engine', 'predict']`; channel keys are validated to have exactly one colon. */
export function splitChannel(channel: Channel): [service: string, method: string] {
  const [service, method, ...rest] = channel.split(':');
  if (!service || !method || rest.length > 0) throw new Error(`malformed channel ${channel}`);
  return [service, method];
}
