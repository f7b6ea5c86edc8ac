/**
 * `samlabel serve` with a store worker that crashes from inside (test hooks): the page hears a `store`
 * event, project channels answer again from the restarted worker, and once the store has given up
 * (StoreFailed) every other channel still answers and so does the HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { SupervisedStore } from '../../../main/services/store/storeClient.js';
import type { TestStoreService } from '../../../main/services/store/storeTestHooks.js';
import { startFixture, wsClient, type ServeFixture } from './harness.js';

let fx: ServeFixture;
let client: SamlabelClient;
const events: AppEvent[] = [];

beforeAll(async () => {
  fx = await startFixture({ store: { testHooks: true, maxRestarts: 1, restartWindowMs: 60_000 } });
  client = wsClient(fx.handle);
  client.onEvent((event) => events.push(event));
  await client.app.version(); // the socket is open: events from now on reach this page
}, 60_000);
afterAll(() => fx?.close());

const store = () => fx.handle.services.store as unknown as SupervisedStore<TestStoreService>;
const crash = () => store().call('testCrashSoon').then(() => 'answered', (err: { code: string }) => err.code);
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (err: { code: string }) => err.code);
const storeEvent = (state: 'restarted' | 'failed') => expect.poll(() => events.find((e) => e.type === 'store' && e.state === state), { timeout: 20_000 });

async function httpStatus(path: string): Promise<number> {
  const res = await fetch(`${fx.handle.origin}${path}`, { headers: { Cookie: `samlabel_token_${fx.handle.port}=${fx.handle.token}` } });
  return res.status;
}

describe('samlabel serve: a crashed store worker', () => {
  it('is restarted: the page is told, and the project answers again with its images', async () => {
    const before = await client.project.listImages({ offset: 0, limit: 10 });
    expect(await crash()).toBe('StoreCrashed');
    await storeEvent('restarted').toMatchObject({ error: { code: 'StoreCrashed' } });
    expect(await client.project.listImages({ offset: 0, limit: 10 })).toEqual(before);
    expect(await httpStatus(`/thumb/${before.images[0].imageId}`)).toBe(200);
  }, 30_000);

  it('once given up, project channels fail with StoreFailed and the rest of serve keeps answering', async () => {
    expect(await crash()).toBe('StoreCrashed');
    await storeEvent('failed').toMatchObject({ error: { code: 'StoreFailed' } });
    expect(await codeOf(client.project.listImages({ offset: 0, limit: 10 }))).toBe('StoreFailed');
    expect(await codeOf(client.labels.add({ name: 'cat' }))).toBe('StoreFailed');
    expect(await client.app.version()).toMatchObject({ version: '0.0.0-test' });
    expect(await client.engine.info()).toMatchObject({ state: 'ready' });
    expect(await client.app.getSettings()).toMatchObject({ hoverPreview: expect.any(Boolean) });
    expect(await httpStatus('/thumb/1')).toBe(503);
    expect(await httpStatus('/')).toBe(200);
  }, 30_000);
});
