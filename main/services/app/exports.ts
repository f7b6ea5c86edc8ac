/**
 * Exports started from the app: each in its own worker (read-only project connection), reported as
 * `export` events, cancellable by terminating the worker. The output folder is chosen here — under the
 * project's `exports/` — never taken from the page.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SamlabelError, serializeError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { ExportFormat } from '../export/types.js';
import type { ExportJob } from '../store/exportJob.js';
import type { ExportWorker } from '../store/storeClient.js';

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly cocoSeg?: 'polygon' | 'rle';
  readonly onlyDone?: boolean;
  readonly dropEmpty?: boolean;
}

interface Running {
  readonly worker: Promise<ExportWorker>;
  cancelled: boolean;
}

/** 2026-12-03T14-05-09 : sortable, and a legal folder name everywhere. */
const stamp = (date: Date): string => date.toISOString().slice(0, 19).replace(/:/g, '-');

export class ExportManager {
  private readonly running = new Map<string, Running>();

  constructor(
    /** Starts an export worker whose events (progress) go to `onEvent`. */
    private readonly startWorker: (onEvent: (event: AppEvent) => void) => Promise<ExportWorker>,
    private readonly emit: (event: AppEvent) => void,
  ) {}

  start(folder: string, request: ExportRequest, now = new Date()): { exportId: string; outDir: string } {
    const exportId = randomUUID();
    const outDir = join(folder, 'exports', `${request.format}-${stamp(now)}-${exportId.slice(0, 4)}`);
    const job: ExportJob = { exportId, folder, outDir, ...request };
    const entry: Running = { worker: this.startWorker((event) => this.running.has(exportId) && this.emit(event)), cancelled: false };
    this.running.set(exportId, entry);
    const base = { type: 'export' as const, exportId, format: request.format, outDir };
    this.emit({ ...base, phase: 'started' });
    void this.run(entry, job).then(
      (result) => this.finish(exportId, { ...base, phase: 'done', images: result.images, annotations: result.annotations }),
      (err: unknown) => this.finish(exportId, entry.cancelled ? { ...base, phase: 'cancelled' } : { ...base, phase: 'failed', error: serializeError(err) }),
    );
    return { exportId, outDir };
  }

  /** Forgotten before it is announced: whoever hears the end finds the export no longer running. */
  private finish(exportId: string, event: AppEvent): void {
    this.running.delete(exportId);
    this.emit(event);
  }

  private async run(entry: Running, job: ExportJob) {
    const worker = await entry.worker;
    try {
      if (entry.cancelled) throw new SamlabelError('ExportError', 'cancelled');
      return await worker.call('runExport', job);
    } finally {
      await worker.terminate();
    }
  }

  async cancel(exportId: string): Promise<boolean> {
    const entry = this.running.get(exportId);
    if (!entry) return false;
    entry.cancelled = true;
    await (await entry.worker).terminate();
    return true;
  }

  /** Waits for nothing: terminates every export (app quit / serve stop). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.cancel(id)));
  }
}
