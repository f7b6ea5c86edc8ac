/**
 * The store worker's entry (worker_threads): owns the project's SQLite connection (role 'store') or runs
 * one export (role 'export'). Requests `{id, method, args}` name a method of StoreService / ExportService;
 * anything else is refused. Answers `{id, ok, value | error}`; events go out as `{event}`.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, SamlabelError } from '../../../shared/errors.js';
import { EXPORT_METHODS, ExportService } from './exportJob.js';
import { STORE_METHODS, StoreService } from './storeService.js';
import { TEST_METHODS, TestStoreService } from './storeTestHooks.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { WorkerRequest, WorkerReply, WorkerRole } from './storeProtocol.js';

const port = parentPort;
if (!port) throw new Error('storeWorker.ts runs as a worker thread');

const data = (workerData ?? {}) as { role?: WorkerRole; testHooks?: boolean };
const role = data.role ?? 'store';
/** Only tests start a store with hooks (StoreClient's `testHooks` option); nothing in the app does. */
const testHooks = role === 'store' && data.testHooks === true;

/**
 * An export is background work: on a 2-core laptop it would otherwise take a core from the event loop
 * and the engine exactly when the user clicks. Linux schedules threads by their own nice value; the
 * thread id comes from /proc/thread-self. Elsewhere this is a no-op (the export still runs).
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not permitted: keep the default priority
  }
}

if (role === 'export') lowerThreadPriority();
const emit = (event: AppEvent): void => port.postMessage({ event } satisfies WorkerReply);
const service: object = role === 'export' ? new ExportService(emit) : testHooks ? new TestStoreService(emit) : new StoreService(emit);
const allowed: readonly string[] = role === 'export' ? EXPORT_METHODS : testHooks ? [...STORE_METHODS, ...TEST_METHODS] : STORE_METHODS;

port.on('message', (message: WorkerRequest) => {
  void handle(message).then((reply) => port.postMessage(reply));
});

async function handle({ id, method, args }: WorkerRequest): Promise<WorkerReply> {
  try {
    if (!allowed.includes(method) || !Array.isArray(args)) throw new SamlabelError('Internal', `store worker has no method ${String(method)}`);
    const fn = (service as Record<string, (...a: unknown[]) => unknown>)[method];
    return { id, ok: true, value: await fn.apply(service, args) };
  } catch (err) {
    return { id, ok: false, error: serializeError(err) };
  }
}

port.postMessage({ ready: true } satisfies WorkerReply);
