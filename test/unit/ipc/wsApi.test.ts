/**
 * The renderer's WebSocket transport (serve) against a scripted socket, through createClient as the page
 * uses it: routing, reconnects, and the contract check of what arrives. The server side is tested for
 * real in test/integration/serve.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSamlabelError, type SamlabelError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire.js';
import { createClient, type ClientOptions } from '../../../renderer/ipc/createClient.js';
import { createWsApi, type SocketLike } from '../../../renderer/ipc/wsApi.js';
import { eventFixtures } from './eventFixtures.js';
import { fixtures } from './fixtures.js';
import { at, malformedValues, typedArrayPaths } from './responseFixtures.js';

const utf8 = { encode: (s: string) => new TextEncoder().encode(s), decode: (b: Uint8Array) => new TextDecoder().decode(b) };

class ScriptedSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; channel: string; request: unknown }[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  send(data: string | Uint8Array): void {
    this.sent.push(decodeWire(data, utf8) as { id: number; channel: string; request: unknown });
  }
  reply(id: number, result: unknown): void {
    const frame = encodeWire({ id, result }, utf8);
    this.onmessage?.({ data: typeof frame === 'string' ? frame : frame.buffer });
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function setup(options?: ClientOptions) {
  const sockets: ScriptedSocket[] = [];
  const client = createClient(
    createWsApi(() => {
      const socket = new ScriptedSocket();
      sockets.push(socket);
      return socket;
    }, utf8),
    options,
  );
  return { client, sockets };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.useRealTimers());

describe('WebSocket transport', () => {
  it('sends one call per request once open and resolves with its own answer, binary included', async () => {
    const { client, sockets } = setup();
    const version = client.app.version().catch((e: unknown) => e);
    const predict = client.engine.predict(fixtures['engine:predict'].valid);
    sockets[0].open();
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0].sent.map((m) => m.channel)).toEqual(['app:version', 'engine:predict']);
    const [v, p] = sockets[0].sent;
    const response = fixtures['engine:predict'].response;
    sockets[0].reply(p.id, { ok: true, value: response });
    sockets[0].reply(v.id, { ok: false, error: { code: 'ProjectLocked', message: 'busy' } });
    const value = await predict;
    expect(value).toEqual(response);
    // Decoded from the binary frame as typed arrays (not number[]), which is what the contract asks for.
    for (const path of typedArrayPaths(response)) expect(at(value, path)).toBeInstanceOf((at(response, path) as object).constructor);
    expect(isSamlabelError(await version, 'ProjectLocked')).toBe(true);
  });

  it('on an open socket a call is sent in the caller’s own task (no microtask hop a render could run ahead of)', async () => {
    const { client, sockets } = setup();
    const first = client.app.version().catch((e: unknown) => e);
    sockets[0].open();
    await flush();
    void client.engine.predict(fixtures['engine:predict'].valid).catch(() => undefined);
    expect(sockets[0].sent.map((m) => m.channel)).toEqual(['app:version', 'engine:predict']);
    sockets[0].reply(sockets[0].sent[0].id, { ok: true, value: { name: 'samlabel', version: '9' } });
    await first;
  });

  it('refuses an off-contract answer with BadResponse, on the same socket the next call still works', async () => {
    const { client, sockets } = setup();
    const bad = client.engine.predict(fixtures['engine:predict'].valid).catch((e: unknown) => e);
    sockets[0].open();
    await flush();
    const [p] = sockets[0].sent;
    // The last one has the typed arrays as plain arrays: what a JSON-only transport would deliver.
    const [plainArrays] = malformedValues('engine:predict').slice(-1);
    sockets[0].reply(p.id, { ok: true, value: plainArrays });
    expect(isSamlabelError(await bad, 'BadResponse')).toBe(true);
    const next = client.app.version();
    await flush();
    sockets[0].reply(sockets[0].sent[1].id, { ok: true, value: { name: 'samlabel', version: '4' } });
    expect(await next).toEqual({ name: 'samlabel', version: '4' });
  });

  it('reports an off-contract event and delivers the valid ones', async () => {
    const reported: SamlabelError[] = [];
    const { client, sockets } = setup({ report: (e) => reported.push(e) });
    const got: AppEvent[] = [];
    client.onEvent((e) => got.push(e));
    sockets[0].open();
    sockets[0].onmessage?.({ data: JSON.stringify({ event: { type: 'scan', phase: 'exploded' } }) });
    sockets[0].onmessage?.({ data: JSON.stringify({ event: eventFixtures.precompute }) });
    expect(got).toEqual([eventFixtures.precompute]);
    expect(reported.map((e) => e.code)).toEqual(['BadResponse']);
  });

  it('ignores frames that decode to something other than a message', async () => {
    const { client, sockets } = setup();
    const call = client.app.version();
    sockets[0].open();
    await flush();
    for (const data of ['null', '42', '"x"']) expect(() => sockets[0].onmessage?.({ data })).not.toThrow();
    sockets[0].reply(sockets[0].sent[0].id, { ok: true, value: { name: 'samlabel', version: '5' } });
    expect(await call).toEqual({ name: 'samlabel', version: '5' });
  });

  it('fails calls in flight when the socket is lost (never hangs) and reconnects on the next call', async () => {
    const { client, sockets } = setup();
    const lost = client.app.version();
    sockets[0].open();
    await flush();
    sockets[0].close();
    const error = await lost.catch((e: unknown) => e);
    expect(isSamlabelError(error, 'Internal')).toBe(true);
    expect((error as Error).message).toMatch(/connection to samlabel serve lost/);
    const next = client.app.version();
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    await flush();
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: { name: 'samlabel', version: '1' } });
    expect(await next).toEqual({ name: 'samlabel', version: '1' });
  });

  it('a closing old socket does not fail the calls of the new one', async () => {
    const { client, sockets } = setup();
    void client.app.version().catch(() => undefined);
    sockets[0].open();
    await flush();
    sockets[0].readyState = 2; // closing, its close event not yet delivered
    const fresh = client.app.version();
    sockets[1].open();
    await flush();
    sockets[0].close();
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: { name: 'samlabel', version: '2' } });
    expect(await fresh).toEqual({ name: 'samlabel', version: '2' });
  });

  it('delivers events to listeners until they unsubscribe, and reconnects for them when the socket drops', async () => {
    vi.useFakeTimers();
    const { client, sockets } = setup();
    const got: AppEvent[] = [];
    const off = client.onEvent((e) => got.push(e));
    expect(sockets).toHaveLength(1);
    sockets[0].open();
    const event: AppEvent = { type: 'project', change: 'opened' };
    sockets[0].onmessage?.({ data: JSON.stringify({ event }) });
    expect(got).toEqual([event]);
    sockets[0].close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(2);
    off();
    sockets[1].open();
    sockets[1].onmessage?.({ data: JSON.stringify({ event }) });
    expect(got).toHaveLength(1);
  });

  it('ignores a frame that does not decode', async () => {
    const { client, sockets } = setup();
    const call = client.app.version();
    sockets[0].open();
    await flush();
    sockets[0].onmessage?.({ data: '{not json' });
    sockets[0].reply(sockets[0].sent[0].id, { ok: true, value: { name: 'samlabel', version: '3' } });
    expect(await call).toEqual({ name: 'samlabel', version: '3' });
  });
});
