/**
 * Wraps a SamlabelApi (the preload's `window.samlabel`, or the WebSocket twin in wsApi.ts) so callers
 * get values or a thrown SamlabelError instead of `{ok, …}` envelopes. Pure (takes the api as an
 * argument) so it is tested in Node; client.ts binds it to the transport. Walks the api object rather
 * than the contract so the renderer bundle has no zod.
 */
import { deserializeError } from '../../shared/errors.js';
import type { IpcResult, SamlabelApi, SamlabelClient } from '../../shared/ipc/api.js';

type AnyCall = (request?: unknown) => Promise<IpcResult<unknown>>;

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw deserializeError(result.error);
}

export function createClient(api: SamlabelApi): SamlabelClient {
  const client: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(api as unknown as Record<string, unknown>)) {
    if (service === 'onEvent' || typeof methods !== 'object' || methods === null) continue;
    const wrapped: Record<string, (request?: unknown) => Promise<unknown>> = {};
    for (const [method, call] of Object.entries(methods as Record<string, AnyCall>)) {
      wrapped[method] = async (request?: unknown) => unwrap(await call(request));
    }
    client[service] = wrapped;
  }
  // Same shape as SamlabelApi with the envelope removed; built key by key, so the mapped type needs the cast.
  return { ...client, onEvent: api.onEvent } as unknown as SamlabelClient;
}
