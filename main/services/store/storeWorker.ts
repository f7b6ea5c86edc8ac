/**
 * The store worker's entry (worker_threads): owns the project's SQLite connection (role 'store') or runs
 * one export (role 'export'). Requests `{id, method, args}` name a method of StoreService / ExportService;
 * anything else is refused. Answers `{id, ok, value | error}`; events go out as `{event}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, SamlabelError } from '../../../shared/errors.js';
import { EXPORT_METHODS, ExportService } from './exportJob.js';
import { STORE_METHODS, StoreService } from './storeService.js';
import type { WorkerRequest, WorkerReply, WorkerRole } from './storeProtocol.js';

const port = parentPort;
if (!port) throw new Error('storeWorker.ts runs as a worker thread');

const role = (workerData as { role?: WorkerRole } | undefined)?.role ?? 'store';
const service: object = role === 'export' ? new ExportService() : new StoreService((event) => port.postMessage({ event } satisfies WorkerReply));
const allowed: readonly string[] = role === 'export' ? EXPORT_METHODS : STORE_METHODS;

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
