/**
 * Builds `window.samlabel` from the contract: one named function per channel, grouped by service, and
 * `onEvent` for the one main → renderer event channel. Deliberately no generic `invoke(channel, …)` or
 * `on(channel, …)`: the renderer can reach exactly the contract's channels (Electron checklist;
 * electron-toolkit's open `electronAPI` is the anti-pattern). Pure, so Node tests can check it without
 * Electron; index.ts hands it ipcRenderer.invoke and a subscription to `samlabel:event`.
 */
import type { IpcResult, OnEvent, SamlabelApi } from '../shared/ipc/api.js';
import { splitChannel } from '../shared/ipc/api.js';
import { channelNames, ipcChannelName } from '../shared/ipc/channelNames.js';

export type Invoke = (ipcChannel: string, request: unknown) => Promise<unknown>;

/** Without a subscriber (tests of the call surface) events simply never arrive. */
const noEvents: OnEvent = () => () => undefined;

export function buildApi(invoke: Invoke, onEvent: OnEvent = noEvents): SamlabelApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channelNames) {
    const [service, method] = splitChannel(channel);
    const name = ipcChannelName(channel);
    // One argument, always: VS Code's channel shape; extra arguments a caller passes are dropped here.
    (api[service] ??= {})[method] = (request?: unknown) => invoke(name, request) as Promise<IpcResult<unknown>>;
  }
  // The mapped type cannot be built key by key; the test checks every channel is present and routed.
  return { ...api, onEvent } as unknown as SamlabelApi;
}
