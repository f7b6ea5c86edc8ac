import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, type EngineState } from '../../../main/inference/engineClient.js';
import { forkLauncher } from '../../../main/inference/engineLauncher.js';
import { isSamlabelError } from '../../../shared/errors.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/engines/${name}.mjs`, import.meta.url));
const model = { kind: 'builtin', id: 'builtin-classic' } as const;
const cacheDir = mkdtempSync(join(tmpdir(), 'samlabel-fail-'));
const clients: EngineClient[] = [];

async function startFixture(name: string): Promise<EngineClient> {
  const client = await EngineClient.start({ model, cacheDir, launcher: forkLauncher(fixture(name)), startTimeoutMs: 10_000 });
  clients.push(client);
  return client;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return isSamlabelError(err) ? err.code : `untyped: ${String(err)}`;
  }
}

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('engine client failures', () => {
  it('rejects start with EngineCrashed when the child exits on start, and says why', async () => {
    const started = EngineClient.start({ model, cacheDir, launcher: forkLauncher(fixture('exitOnStart')), startTimeoutMs: 10_000 });
    await expect(started).rejects.toMatchObject({ code: 'EngineCrashed', message: expect.stringContaining('cannot load native module') });
  });

  it('rejects a call with EngineCrashed when the child dies mid-call, then restarts it', async () => {
    const client = await startFixture('dieMidCall');
    const states: EngineState[] = [];
    client.on('state', (s: EngineState) => states.push(s));
    expect(await codeOf(client.setImage('/nowhere.jpg'))).toBe('EngineCrashed');
    await expect(client.stats()).resolves.toMatchObject({ encoderRuns: 0 });
    expect(states).toEqual(['restarting', 'ready']);
  });

  it('rejects every pending call when the child dies, not just the first', async () => {
    const client = await startFixture('dieMidCall');
    const codes = await Promise.all([codeOf(client.setImage('/a.jpg')), codeOf(client.setImage('/b.jpg')), codeOf(client.setImage('/c.jpg'))]);
    expect(codes).toEqual(['EngineCrashed', 'EngineCrashed', 'EngineCrashed']);
  });

  it('times out a hung child with EngineTimeout and comes back usable', async () => {
    const client = await startFixture('hang');
    expect(await codeOf(client.setImage('/x.jpg', { timeoutMs: 300 }))).toBe('EngineTimeout');
    await expect(client.stats()).resolves.toMatchObject({ decoderRuns: 0 });
  });

  it('cancels a blocked call with EngineCancelled by killing the child', async () => {
    const client = await startFixture('hang');
    const abort = new AbortController();
    const running = once(client, 'started');
    const pending = codeOf(client.setImage('/x.jpg', { signal: abort.signal }));
    // Abort only once the engine is inside the call, so the kill path (not the pre-send check) is what runs.
    expect((await running)[0]).toMatchObject({ method: 'setImage' });
    abort.abort();
    expect(await pending).toBe('EngineCancelled');
    await expect(client.stats()).resolves.toBeTruthy();
  });

  it('treats protocol garbage as a crash instead of resolving with it', async () => {
    const client = await startFixture('garbage');
    expect(await codeOf(client.stats())).toBe('EngineCrashed');
  });

  it('treats a result that does not match its method as garbage: EngineCrashed and a restart', async () => {
    const client = await startFixture('badResult');
    const states: EngineState[] = [];
    client.on('state', (s: EngineState) => states.push(s));
    await expect(client.stats()).rejects.toMatchObject({ code: 'EngineCrashed', message: expect.stringContaining('malformed stats result') });
    await expect(client.cacheClear()).resolves.toBeUndefined();
    expect(states).toEqual(['restarting', 'ready']);
  });

  it("keeps an engine error's code, name and message", async () => {
    const client = await startFixture('badResult');
    await expect(client.setImage('/x.jpg')).rejects.toMatchObject({ code: 'Internal', name: 'TypeError', message: 'x is not a function' });
  });

  it('refuses calls after close with EngineClosed', async () => {
    const client = await startFixture('hang');
    client.close();
    expect(await codeOf(client.stats())).toBe('EngineClosed');
  });
});
