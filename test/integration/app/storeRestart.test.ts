/**
 * A store worker that dies is restarted and loses no accepted work: real worker threads, crashed from
 * inside (an uncaught exception outside any handler, or the thread ending mid-transaction), against a
 * real project file. The hooks exist only because these tests start the store with `testHooks: true`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerializedError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { SupervisedStore, type StoreClientOptions } from '../../../main/services/store/storeClient.js';
import type { TestStoreService } from '../../../main/services/store/storeTestHooks.js';
import { tmpDir, writeImages } from '../../helpers/dbProject.js';

type TestStore = SupervisedStore<TestStoreService>;

/** A 4×4 "candidate" whose low-res logits are inside everywhere: a full-image mask once binarised. */
const full = new Float32Array(16).fill(8);
const prompts = { pointCoords: [[1, 1]] as [number, number][], pointLabels: [1], box: null };

const open: TestStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.terminate()));
});

interface Started {
  readonly store: TestStore;
  readonly events: AppEvent[];
  readonly folder: string;
  readonly imageId: number;
  readonly labelId: number;
}

/** A scanned project with one image and one label, open in a store with test hooks. */
async function startStore(options: StoreClientOptions = {}): Promise<Started> {
  const { dir } = tmpDir('samlabel-store-restart-');
  const folder = join(dir, 'photos');
  mkdirSync(folder);
  writeImages(folder, { 'a.png': [8, 6, 1] });
  const events: AppEvent[] = [];
  const store = await SupervisedStore.start<TestStoreService>({ ...options, testHooks: true, onEvent: (e) => events.push(e) });
  open.push(store);
  await store.call('openProject', folder);
  await store.call('scan');
  const [image] = (await store.call('listImages', {}, 0, 1)).images;
  const label = await store.call('editLabel', { op: 'add', name: 'cat' });
  return { store, events, folder, imageId: image.id, labelId: Number(label.labelId) };
}

const accept = (s: Started, score: number) => s.store.call('accept', { imageId: s.imageId, labelId: s.labelId, lowRes: full, lowResSize: 4, score, prompts });

const errorOf = (promise: Promise<unknown>): Promise<SerializedError> =>
  promise.then(
    () => ({ code: 'Internal', message: 'expected a rejection' }) as const,
    (err: { code: SerializedError['code']; message: string }) => ({ code: err.code, message: err.message }),
  );

const storeEvents = (events: AppEvent[]) => events.filter((e) => e.type === 'store').map((e) => e.type === 'store' && [e.state, e.error.code]);

describe('a crashed store worker', () => {
  it('fails the call in flight with StoreCrashed, restarts with the same project, and keeps accepted work', async () => {
    const s = await startStore();
    const kept = await accept(s, 0.9);
    const crash = await errorOf(s.store.call('testCrashSoon'));
    expect(crash.code).toBe('StoreCrashed');
    expect(crash.message).toMatch(/test hook: the store worker crashed/);
    const annotations = await s.store.call('listAnnotations', s.imageId);
    expect(annotations.map((a) => a.annotationId)).toEqual([kept.annotationId]);
    expect(await s.store.call('currentFolder')).toBe(s.folder);
    expect(storeEvents(s.events)).toEqual([['restarted', 'StoreCrashed']]);
    // The restarted worker writes too, and owns the writer lock again.
    await accept(s, 0.5);
    expect(await s.store.call('summary')).toMatchObject({ annotationCount: 2 });
  });

  it('retries a read in flight once, on the restarted worker', async () => {
    const s = await startStore();
    await s.store.call('testCrashOnNextRead');
    expect(await s.store.call('listLabels')).toMatchObject([{ name: 'cat', annotationCount: 0 }]);
    expect(storeEvents(s.events)).toEqual([['restarted', 'StoreCrashed']]);
  });

  it('does not retry a write: one that crashed mid-transaction left the previous state, and did not happen later', async () => {
    const s = await startStore();
    const kept = await accept(s, 0.9);
    await s.store.call('testCrashOnInsert', 'change_rows'); // the accept's annotation row is already written by then
    expect((await errorOf(accept(s, 0.5))).code).toBe('StoreCrashed');
    expect((await s.store.call('listAnnotations', s.imageId)).map((a) => a.annotationId)).toEqual([kept.annotationId]);
    expect(await s.store.call('historyState', { imageId: s.imageId })).toEqual({ undo: 'add annotation', redo: null });
    // The undo journal and the rows agree: undoing removes the one accepted annotation.
    await s.store.call('undo', { imageId: s.imageId });
    expect(await s.store.call('listAnnotations', s.imageId)).toEqual([]);
  });

  it('loses neither an annotation to a delete nor its label to an update that crashed mid-transaction', async () => {
    const s = await startStore();
    const kept = await accept(s, 0.9);
    const dog = await s.store.call('editLabel', { op: 'add', name: 'dog' });
    await s.store.call('testCrashOnInsert', 'changes');
    expect((await errorOf(s.store.call('updateAnnotation', Number(kept.annotationId), { labelId: Number(dog.labelId) }))).code).toBe('StoreCrashed');
    await s.store.call('testCrashOnInsert', 'changes');
    expect((await errorOf(s.store.call('deleteAnnotations', [Number(kept.annotationId)]))).code).toBe('StoreCrashed');
    expect(await s.store.call('listAnnotations', s.imageId)).toMatchObject([{ annotationId: kept.annotationId, labelId: String(s.labelId) }]);
    expect(storeEvents(s.events)).toEqual([
      ['restarted', 'StoreCrashed'],
      ['restarted', 'StoreCrashed'],
    ]);
  });

  it('gives up after maxRestarts crashes in the window: every call is StoreFailed, and the page hears it', async () => {
    const s = await startStore({ maxRestarts: 1, restartWindowMs: 60_000 });
    expect((await errorOf(s.store.call('testCrashSoon'))).code).toBe('StoreCrashed');
    expect(await s.store.call('currentFolder')).toBe(s.folder);
    expect((await errorOf(s.store.call('testCrashSoon'))).code).toBe('StoreCrashed');
    for (const call of [() => s.store.call('summary'), () => s.store.call('listLabels'), () => accept(s, 0.5)]) {
      const failed = await errorOf(call());
      expect(failed.code).toBe('StoreFailed');
      expect(failed.message).toMatch(/crashed 2 times in 60 s and was not restarted/);
    }
    expect(s.store.state).toBe('failed');
    expect(storeEvents(s.events)).toEqual([
      ['restarted', 'StoreCrashed'],
      ['failed', 'StoreFailed'],
    ]);
  });

  it('counts only the crashes inside the window', async () => {
    const s = await startStore({ maxRestarts: 1, restartWindowMs: 1 });
    for (let i = 0; i < 2; i++) {
      expect((await errorOf(s.store.call('testCrashSoon'))).code).toBe('StoreCrashed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await s.store.call('currentFolder')).toBe(s.folder);
    expect(s.store.state).toBe('ready');
  });

  it('refuses the test hooks in a store started without them', async () => {
    const store = (await SupervisedStore.start()) as unknown as TestStore;
    open.push(store);
    const refused = await errorOf(store.call('testCrashSoon'));
    expect(refused).toMatchObject({ code: 'Internal', message: expect.stringMatching(/no method testCrashSoon/) });
    expect(await store.call('currentFolder')).toBeNull();
  });
});
