import { describe, expect, it, vi } from 'vitest';
import { SamlabelError } from '../../../shared/errors.js';
import { channels, ipcChannelName, type Channel } from '../../../shared/ipc/contract.js';
import { createAppHandlers } from '../../../main/ipc/appHandlers.js';
import type { AppServices } from '../../../main/services/app/appServices.js';
import { register, type Handlers, type InvokeEvent, type IpcMainLike } from '../../../main/ipc/register.js';
import { fixtures, malformed } from './fixtures.js';

const APP_URL = 'file:///app/out/renderer/index.html';
const appFrame: InvokeEvent = { senderFrame: { url: APP_URL, parent: null } };

/** Records what register() installs and lets a test invoke it like Electron would. */
function fakeIpcMain(): IpcMainLike & { listeners: Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>> } {
  const listeners = new Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>>();
  return {
    listeners,
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
}

/** Handlers that answer each channel's fixture response, as spies. */
function spyHandlers(): Handlers {
  const entries = channels.map((c) => [c, vi.fn(() => fixtures[c].response)]);
  return Object.fromEntries(entries) as unknown as Handlers;
}

function setup(handlers = spyHandlers()) {
  const ipc = fakeIpcMain();
  const unregister = register(ipc, handlers, { isTrustedUrl: (url) => url === APP_URL });
  const invoke = (channel: Channel, request: unknown, event = appFrame) => ipc.listeners.get(ipcChannelName(channel))!(event, request);
  return { ipc, handlers, unregister, invoke };
}

describe('register', () => {
  it('installs one samlabel:-prefixed handler per contract channel and removes them all', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual(channels.map((c) => `samlabel:${c}`).sort());
    unregister();
    expect(ipc.listeners.size).toBe(0);
  });

  it('the app (Electron and serve alike) has a handler for every contract channel', () => {
    // Handlers reach services only when called: building them needs no running services.
    const handlers = createAppHandlers({} as AppServices);
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
    expect(() => register(fakeIpcMain(), handlers, { isTrustedUrl: () => true })).not.toThrow();
  });

  it('refuses to start when a channel has no handler', () => {
    const { 'engine:predict': _dropped, ...partial } = spyHandlers();
    expect(() => register(fakeIpcMain(), partial as Handlers, { isTrustedUrl: () => true })).toThrow(/engine:predict/);
  });

  it.each(channels)('%s: a valid request reaches the handler and the value comes back', async (channel) => {
    const { handlers, invoke } = setup();
    const result = await invoke(channel, fixtures[channel].valid);
    expect(result).toEqual({ ok: true, value: fixtures[channel].response });
    expect(handlers[channel]).toHaveBeenCalledTimes(1);
  });

  it.each(channels)('%s: bad payloads are BadInput and never reach the handler', async (channel) => {
    const { handlers, invoke } = setup();
    expect(fixtures[channel].invalid.length).toBeGreaterThan(0);
    for (const request of [...fixtures[channel].invalid, ...malformed(channel)]) {
      const result = await invoke(channel, request);
      expect(result, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    }
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a sub-frame of the app', { senderFrame: { url: APP_URL, parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ] as const)('refuses a request from %s before validation or handling', async (_what, event: InvokeEvent) => {
    const { handlers, invoke } = setup();
    const result = await invoke('project:open', fixtures['project:open'].valid, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'BadInput', message: expect.stringContaining('untrusted sender') } });
    expect(handlers['project:open']).not.toHaveBeenCalled();
  });

  it('passes a typed handler error through as data', async () => {
    const handlers = { ...spyHandlers(), 'project:open': () => Promise.reject(new SamlabelError('ProjectLocked', 'open elsewhere')) };
    const { invoke } = setup(handlers);
    expect(await invoke('project:open', fixtures['project:open'].valid)).toEqual({
      ok: false,
      error: { code: 'ProjectLocked', message: 'open elsewhere' },
    });
  });

  it('turns an untyped throw into Internal', async () => {
    const handlers = { ...spyHandlers(), 'app:version': () => { throw new TypeError('boom'); } };
    const { invoke } = setup(handlers);
    expect(await invoke('app:version', undefined)).toEqual({ ok: false, error: { code: 'Internal', message: 'boom' } });
  });

  it('reports a handler response that breaks the contract as Internal, not as the caller’s fault', async () => {
    const bad = { ...fixtures['engine:predict'].response, lowResLogits: new Float32Array(5) };
    const { invoke } = setup({ ...spyHandlers(), 'engine:predict': () => bad });
    const result = await invoke('engine:predict', fixtures['engine:predict'].valid);
    expect(result).toMatchObject({ ok: false, error: { code: 'Internal' } });
  });

  it('keeps the typed arrays of a predict answer typed (no JSON round trip in main)', async () => {
    const { invoke } = setup();
    const result = (await invoke('engine:predict', fixtures['engine:predict'].valid)) as { ok: true; value: { cellMasks: unknown; shownLogits: { values: unknown } } };
    expect(result.value.cellMasks).toBeInstanceOf(Uint8Array);
    expect(result.value.shownLogits.values).toBeInstanceOf(Float32Array);
  });
});
