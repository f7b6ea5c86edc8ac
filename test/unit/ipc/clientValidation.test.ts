/**
 * The renderer refuses what breaks the contract, generated per channel from the contract's fixtures:
 * over the Electron bridge here (preload/buildApi.ts with a scripted main), over the serve socket in
 * wsApi.test.ts. Both reach the same check in createClient.
 */
import { describe, expect, it, vi } from 'vitest';
import { isSamlabelError, SamlabelError } from '../../../shared/errors.js';
import { splitChannel, type OnEvent, type SamlabelApi, type SamlabelClient } from '../../../shared/ipc/api.js';
import { channels, type Channel } from '../../../shared/ipc/contract.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { buildApi } from '../../../preload/buildApi.js';
import { createClient } from '../../../renderer/ipc/createClient.js';
import { eventFixtures, eventTypes, malformedEvents, notEvents } from './eventFixtures.js';
import { fixtures } from './fixtures.js';
import { at, malformedEnvelopes, malformedValues, typedArrayPaths } from './responseFixtures.js';

type AnyClient = Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;

/** Calls `channel` on a client whose main answers `envelope`, with the channel's valid request. */
function callAnswered(channel: Channel, envelope: unknown): Promise<unknown> {
  const client = createClient(buildApi(async () => envelope)) as unknown as AnyClient;
  const [service, method] = splitChannel(channel);
  return client[service][method](fixtures[channel].valid);
}

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => new Error('resolved, should have failed'), (e: unknown) => e);

describe('responses', () => {
  it.each(channels)('%s: a valid response comes back equal, typed arrays by reference (no copy)', async (channel) => {
    const response: unknown = fixtures[channel].response;
    const value = await callAnswered(channel, { ok: true, value: response });
    expect(value).toEqual(response);
    for (const path of typedArrayPaths(response)) expect(at(value, path), path.join('.')).toBe(at(response, path));
  });

  it.each(channels)('%s: an off-contract value is a BadResponse naming the channel', async (channel) => {
    for (const value of malformedValues(channel)) {
      const error = await failure(callAnswered(channel, { ok: true, value }));
      expect(isSamlabelError(error, 'BadResponse'), String(error)).toBe(true);
      expect((error as Error).message).toContain(channel);
    }
  });

  it.each(channels)('%s: an answer that is not an {ok, …} envelope is a BadResponse', async (channel) => {
    for (const envelope of malformedEnvelopes) {
      const error = await failure(callAnswered(channel, envelope));
      expect(isSamlabelError(error, 'BadResponse'), JSON.stringify(envelope)).toBe(true);
    }
  });

  it("keeps main's typed error", async () => {
    const error = await failure(callAnswered('project:open', { ok: false, error: { code: 'ProjectLocked', message: 'in use' } }));
    expect(isSamlabelError(error, 'ProjectLocked')).toBe(true);
    expect((error as Error).message).toBe('in use');
  });

  it('says where the value breaks the contract, a few issues at most', async () => {
    const images = Array.from({ length: 50 }, () => ({ ...fixtures['project:listImages'].response.images[0], width: -1 }));
    const error = await failure(callAnswered('project:listImages', { ok: true, value: { total: 50, images } }));
    expect((error as Error).message).toMatch(/images\.0\.width: .*\(\+47 more\)$/);
  });

  it('a transport that throws, or lacks a channel, fails the call with a typed error', async () => {
    const throwing = createClient(buildApi(() => Promise.reject(new Error('An object could not be cloned.'))));
    expect(isSamlabelError(await failure(throwing.app.version()), 'Internal')).toBe(true);
    const partial = { onEvent: () => () => undefined } as unknown as SamlabelApi;
    const error = await failure(createClient(partial).engine.info());
    expect(isSamlabelError(error, 'Internal')).toBe(true);
    expect((error as Error).message).toContain('engine:info');
  });
});

/** A bridge whose events the test pushes; counts subscriptions so the client's fan-out is visible. */
function eventBridge() {
  const subscribers = new Set<(event: unknown) => void>();
  const onEvent: OnEvent = (listener) => {
    subscribers.add(listener as (event: unknown) => void);
    return () => void subscribers.delete(listener as (event: unknown) => void);
  };
  const reported: SamlabelError[] = [];
  const client: SamlabelClient = createClient(buildApi(async () => ({ ok: true, value: null }), onEvent), { report: (e) => reported.push(e) });
  const push = (event: unknown) => subscribers.forEach((s) => s(event));
  return { client, push, reported, subscribers };
}

describe('events', () => {
  it.each(eventTypes)("'%s': a valid event reaches the listener equal", (type) => {
    const { client, push, reported } = eventBridge();
    const got: AppEvent[] = [];
    client.onEvent((e) => got.push(e));
    push(eventFixtures[type]);
    expect(got).toEqual([eventFixtures[type]]);
    expect(reported).toEqual([]);
  });

  it.each(eventTypes)("'%s': an off-contract event is dropped and reported as BadResponse", (type) => {
    const { client, push, reported } = eventBridge();
    const listener = vi.fn();
    client.onEvent(listener);
    const bad = [...malformedEvents(type), ...notEvents];
    bad.forEach(push);
    expect(listener).not.toHaveBeenCalled();
    expect(reported).toHaveLength(bad.length);
    for (const error of reported) expect(isSamlabelError(error, 'BadResponse')).toBe(true);
  });

  it('subscribes to the transport once for all listeners, and lets go with the last', () => {
    const { client, push, subscribers } = eventBridge();
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.onEvent(a);
    const offB = client.onEvent(b);
    expect(subscribers.size).toBe(1);
    push(eventFixtures.project);
    offA();
    offA();
    push(eventFixtures.engine);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(subscribers.size).toBe(1);
    offB();
    expect(subscribers.size).toBe(0);
    client.onEvent(a);
    expect(subscribers.size).toBe(1);
  });

  it('a listener that throws is reported and does not keep the event from the others', () => {
    const { client, push, reported } = eventBridge();
    const after = vi.fn();
    client.onEvent(() => {
      throw new Error('listener bug');
    });
    client.onEvent(after);
    push(eventFixtures.scan);
    expect(after).toHaveBeenCalledWith(eventFixtures.scan);
    expect(reported.map((e) => [e.code, e.message])).toEqual([['Internal', 'listener bug']]);
  });
});
