/**
 * Builds `window.samlabel` from the contract: one named function per channel, grouped by service.
 * Deliberately no generic `invoke(channel, …)`: the renderer can reach exactly the contract's channels
 * (Electron checklist; electron-toolkit's open `electronAPI` is the anti-pattern). Pure, so Node tests
 * can check it without Electron; index.ts hands it ipcRenderer.invoke.
 */
import type { IpcResult, SamlabelApi } from '../shared/ipc/api.js';
import { splitChannel } from '../shared/ipc/api.js';
import { channels, ipcChannelName } from '../shared/ipc/contract.js';

export type Invoke = (ipcChannel: string, request: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoke): SamlabelApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [service, method] = splitChannel(channel);
    const name = ipcChannelName(channel);
    // One argument, always: VS Code's channel shape; extra arguments a caller passes are dropped here.
    (api[service] ??= {})[method] = (request?: unknown) => invoke(name, request) as Promise<IpcResult<unknown>>;
  }
  // The mapped type cannot be built key by key; the test checks every channel is present and routed.
  return api as unknown as SamlabelApi;
}
