import { describe, expect, it, vi } from 'vitest';
import { splitChannel } from '../../../shared/ipc/api.js';
import { channels } from '../../../shared/ipc/contract.js';
import { buildApi } from '../../../preload/buildApi.js';
import { fixtures } from './fixtures.js';

describe('preload buildApi', () => {
  it('exposes exactly one function per contract channel, grouped by service', () => {
    const api = buildApi(vi.fn()) as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api).flatMap(([service, methods]) => Object.keys(methods).map((m) => `${service}:${m}`));
    expect(exposed.sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      const [service, method] = splitChannel(channel);
      expect(typeof api[service][method]).toBe('function');
    }
  });

  it('has no generic invoke/send/on escape hatch', () => {
    const api = buildApi(vi.fn()) as unknown as Record<string, unknown>;
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer']) expect(api).not.toHaveProperty(name);
  });

  it.each(channels)('%s routes to samlabel:%s with the one request argument', async (channel) => {
    const invoke = vi.fn(async () => ({ ok: true, value: 'answer' }));
    const api = buildApi(invoke) as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
    const [service, method] = splitChannel(channel);
    const request = fixtures[channel].valid;
    await expect(api[service][method](request, 'extra')).resolves.toEqual({ ok: true, value: 'answer' });
    expect(invoke).toHaveBeenCalledWith(`samlabel:${channel}`, request);
  });
});
