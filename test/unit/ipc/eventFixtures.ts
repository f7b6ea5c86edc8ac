/**
 * One valid event per event type, typed over AppEventType: a new event type does not compile until it
 * has a fixture here, and with it the event tests cover it. `malformedEvents()` derives refusals from them.
 */
import type { AppEvent, AppEventType } from '../../../shared/ipc/events.js';

const precompute = { queued: 2, done: 1, current: 'img-2', failed: 0 };
const counts = { files: 3, added: 1, changed: 0, relinked: 0, restored: 0, unchanged: 2, missing: 0, failed: 0 };
const engineInfo = { state: 'ready' as const, modelId: 'builtin-classic', requestedProvider: 'cuda', provider: 'cpu', lowResSize: 256, warnings: ['CUDA unavailable'] };

export const eventFixtures: { readonly [T in AppEventType]: Extract<AppEvent, { type: T }> } = {
  scan: { type: 'scan', phase: 'failed', counts, error: { code: 'FileError', message: 'no permission' } },
  precompute: { type: 'precompute', status: precompute, imageId: 'img-1' },
  export: { type: 'export', exportId: 'e1', format: 'coco', phase: 'progress', outDir: '/p/exports/coco-1', images: 3, imagesTotal: 10 },
  engine: { type: 'engine', info: engineInfo },
  project: { type: 'project', change: 'images', imageIds: ['img-1', 'img-2'] },
  store: { type: 'store', state: 'restarted', error: { code: 'StoreCrashed', message: 'store worker crashed: boom' } },
  auto: { type: 'auto', jobId: 'j1', kind: 'batch', phase: 'progress', imageId: 'img-1', pointsDone: 10, pointsTotal: 1024, imagesDone: 1, imagesTotal: 4 },
};

export const eventTypes = Object.keys(eventFixtures) as AppEventType[];

/** No schema in the contract accepts a symbol (nothing is z.unknown), so it marks "the wrong value" anywhere. */
export const OFF_CONTRACT = Symbol('off-contract');

/** Every key replaced by a value no schema takes, one at a time, plus an unknown key (events are strict). */
export function corruptEachKey(value: object): unknown[] {
  const corrupt: unknown[] = [{ ...value, unexpectedKey: 1 }];
  for (const key of Object.keys(value)) corrupt.push({ ...value, [key]: OFF_CONTRACT });
  return corrupt;
}

export function malformedEvents(type: AppEventType): unknown[] {
  return [...corruptEachKey(eventFixtures[type]), { ...eventFixtures[type], type: 'nope' }];
}

/** Payloads no event type accepts. */
export const notEvents: readonly unknown[] = [undefined, null, 'scan', 42, [], {}, { type: 'nope' }, OFF_CONTRACT];
