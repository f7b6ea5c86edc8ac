/**
 * Binds the contract to what main has today. Services (projects, images) and the engine client are
 * being built in main/services and main/inference; until they land those channels answer with a typed
 * error instead of being missing — register() refuses a contract channel without a handler.
 * Once services exist, per-service handler modules move to main/ipc and this file only composes them.
 */
import { SamlabelError } from '../../shared/errors.js';
import { channels, type Channel } from '../../shared/ipc/contract.js';
import type { Handlers } from '../ipc/register.js';

export interface AppIdentity {
  readonly name: string;
  readonly version: string;
}

function notWired(what: string): () => never {
  return () => {
    throw new SamlabelError('Internal', `${what} is not connected yet`);
  };
}

export function createHandlers(identity: AppIdentity): Handlers {
  const handlers = Object.fromEntries(channels.map((c) => [c, notWired(c)])) as unknown as Record<Channel, unknown>;
  handlers['app:version'] = () => ({ name: identity.name, version: identity.version });
  return handlers as Handlers;
}
