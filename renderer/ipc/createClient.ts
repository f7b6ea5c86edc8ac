/**
 * Wraps a SamlabelApi (the preload's `window.samlabel`, or the WebSocket twin in wsApi.ts) so callers
 * get contract-checked values or a thrown SamlabelError instead of `{ok, …}` envelopes, and only
 * contract-checked events. The one place both transports pass through, so validation lives here
 * (receive.ts) and nowhere else. Pure (takes the api as an argument) so it is tested in Node;
 * client.ts binds it to the transport.
 */
import { deserializeError, SamlabelError, serializeError } from '../../shared/errors.js';
import { splitChannel, type OnEvent, type SamlabelApi, type SamlabelClient } from '../../shared/ipc/api.js';
import { channels, type Channel } from '../../shared/ipc/contract.js';
import type { AppEvent } from '../../shared/ipc/events.js';
import { receiveEvent, unwrapResponse } from './receive.js';

type AnyCall = (request?: unknown) => Promise<unknown>;

const typed = (error: unknown): SamlabelError => (error instanceof SamlabelError ? error : deserializeError(serializeError(error)));

export interface ClientOptions {
  /**
   * Where failures with no caller go: an event that breaks the contract (dropped, never delivered) or
   * a listener that throws. Default: the page's global error reporting (app/main.tsx turns it into a toast).
   */
  readonly report?: (error: SamlabelError) => void;
}

/** window.reportError where it exists (the page); console elsewhere (Node tools that drive the client). */
function reportGlobally(error: SamlabelError): void {
  const { reportError } = globalThis as { reportError?: (error: unknown) => void };
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}

/** The transport's function for a channel; a missing one fails its calls (typed) instead of the page. */
function transportCall(api: SamlabelApi, channel: Channel): AnyCall {
  const [service, method] = splitChannel(channel);
  const call = (api as unknown as Record<string, Record<string, unknown> | undefined>)[service]?.[method];
  if (typeof call === 'function') return call as AnyCall;
  return () => Promise.reject(new SamlabelError('Internal', `${channel} is not exposed by the transport`));
}

function wrapCall(channel: Channel, call: AnyCall): AnyCall {
  return async (request?: unknown) => {
    let envelope: unknown;
    try {
      envelope = await call(request);
    } catch (error) {
      // The transport itself failed (e.g. Electron could not clone the request): typed, like every failure.
      throw typed(error);
    }
    return unwrapResponse(channel, envelope);
  };
}

/**
 * One subscription to the transport for all listeners, so an event is parsed once however many
 * listen; it is made on the first listener and dropped with the last (wsApi keeps its socket for it).
 */
function eventHub(subscribe: OnEvent, report: (error: SamlabelError) => void): OnEvent {
  const listeners = new Set<{ readonly listener: (event: AppEvent) => void }>();
  let unsubscribe: (() => void) | undefined;
  const deliver = (payload: unknown): void => {
    let event: AppEvent;
    try {
      event = receiveEvent(payload);
    } catch (error) {
      return report(typed(error));
    }
    for (const { listener } of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        report(typed(error));
      }
    }
  };
  return (listener) => {
    const entry = { listener };
    listeners.add(entry);
    unsubscribe ??= subscribe(deliver);
    return () => {
      listeners.delete(entry);
      if (listeners.size > 0 || !unsubscribe) return;
      unsubscribe();
      unsubscribe = undefined;
    };
  };
}

export function createClient(api: SamlabelApi, options: ClientOptions = {}): SamlabelClient {
  const client: Record<string, Record<string, AnyCall>> = {};
  for (const channel of channels) {
    const [service, method] = splitChannel(channel);
    (client[service] ??= {})[method] = wrapCall(channel, transportCall(api, channel));
  }
  const onEvent = eventHub(api.onEvent, options.report ?? reportGlobally);
  // Same shape as SamlabelApi with the envelope removed; built key by key, so the mapped type needs the cast.
  return { ...client, onEvent } as unknown as SamlabelClient;
}
