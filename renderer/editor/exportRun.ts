/**
 * The export dialog's state, headless: options → start → progress → done / failed / cancelled. Main
 * picks the folder (`<project>/exports/<format>-<time>/`); this model only shows where it went. Events
 * are matched by export id; the ones that arrive before `export:start` answers are kept and replayed,
 * since main announces `started` (and a tiny export may even finish) before the answer is read.
 */
import { deserializeError, type ErrorCode } from '../../shared/errors.js';
import { EXPORT_FORMAT_NAMES } from '../../shared/ipc/schemas.js';
import { Observable } from './store.js';

export type ExportFormat = (typeof EXPORT_FORMAT_NAMES)[number];
export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_NAMES;
export type CocoSeg = 'polygon' | 'rle';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** COCO only: polygons (the CLI's default) or compressed RLE. */
  readonly cocoSeg: CocoSeg;
  readonly onlyDone: boolean;
  readonly dropEmpty: boolean;
}

/** What `export:start` takes: cocoSeg only for COCO, booleans only when set. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly cocoSeg?: CocoSeg;
  readonly onlyDone?: boolean;
  readonly dropEmpty?: boolean;
}

/** An `export` event, the fields this model reads. */
export interface ExportEventLike {
  readonly type: 'export';
  readonly exportId: string;
  readonly phase: 'started' | 'progress' | 'done' | 'failed' | 'cancelled';
  readonly outDir: string;
  readonly images?: number;
  readonly imagesTotal?: number;
  readonly annotations?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ExportPorts {
  start(request: ExportRequest): Promise<{ exportId: string; outDir: string }>;
  cancel(exportId: string): Promise<{ cancelled: boolean }>;
  onError(error: unknown): void;
}

export type ExportPhase = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportState {
  readonly open: boolean;
  readonly options: ExportOptions;
  readonly phase: ExportPhase;
  readonly exportId: string | null;
  readonly outDir: string | null;
  /** Images written so far of the total (null until the first progress event). */
  readonly progress: { readonly done: number; readonly total: number } | null;
  readonly result: { readonly images: number; readonly annotations: number } | null;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { format: 'coco', cocoSeg: 'polygon', onlyDone: false, dropEmpty: false };

const TERMINAL: readonly ExportPhase[] = ['done', 'failed', 'cancelled'];
export const isRunning = (phase: ExportPhase): boolean => phase === 'starting' || phase === 'running';

export function toRequest(options: ExportOptions): ExportRequest {
  return {
    format: options.format,
    ...(options.format === 'coco' ? { cocoSeg: options.cocoSeg } : {}),
    ...(options.onlyDone ? { onlyDone: true } : {}),
    ...(options.dropEmpty ? { dropEmpty: true } : {}),
  };
}

export class ExportRun extends Observable<ExportState> {
  /** Events seen while `export:start` was in flight, by export id. */
  private early: ExportEventLike[] = [];

  constructor(private readonly ports: ExportPorts) {
    super({ open: false, options: DEFAULT_EXPORT_OPTIONS, phase: 'idle', exportId: null, outDir: null, progress: null, result: null });
  }

  show(open = true): void {
    this.set({ open });
  }

  /** Options are frozen while an export runs (they describe the one running). */
  setOptions(patch: Partial<ExportOptions>): void {
    if (!isRunning(this.get().phase)) this.set({ options: { ...this.get().options, ...patch } });
  }

  async start(): Promise<void> {
    if (isRunning(this.get().phase)) return;
    this.early = [];
    this.set({ phase: 'starting', exportId: null, outDir: null, progress: null, result: null });
    try {
      const { exportId, outDir } = await this.ports.start(toRequest(this.get().options));
      this.set({ phase: 'running', exportId, outDir });
      const early = this.early.filter((e) => e.exportId === exportId);
      this.early = [];
      for (const event of early) this.onEvent(event);
    } catch (error) {
      this.early = [];
      this.set({ phase: 'failed' });
      this.ports.onError(error);
    }
  }

  async cancel(): Promise<void> {
    const { exportId, phase } = this.get();
    if (phase !== 'running' || !exportId) return;
    try {
      const { cancelled } = await this.ports.cancel(exportId);
      // The worker is gone; its `cancelled` event may still come (and is then a no-op).
      if (cancelled && this.get().exportId === exportId && this.get().phase === 'running') this.set({ phase: 'cancelled' });
    } catch (error) {
      this.ports.onError(error);
    }
  }

  onEvent(event: ExportEventLike): void {
    const s = this.get();
    if (s.phase === 'starting') {
      this.early.push(event);
      return;
    }
    if (event.exportId !== s.exportId || TERMINAL.includes(s.phase)) return;
    switch (event.phase) {
      case 'started':
        return;
      case 'progress':
        return this.set({ progress: { done: event.images ?? 0, total: event.imagesTotal ?? s.progress?.total ?? 0 } });
      case 'done': {
        const images = event.images ?? 0;
        return this.set({ phase: 'done', outDir: event.outDir, result: { images, annotations: event.annotations ?? 0 }, progress: { done: images, total: s.progress?.total ?? images } });
      }
      case 'cancelled':
        return this.set({ phase: 'cancelled' });
      case 'failed':
        this.set({ phase: 'failed' });
        return this.ports.onError(deserializeError({ code: (event.error?.code ?? 'ExportError') as ErrorCode, message: event.error?.message ?? 'export failed' }));
    }
  }
}
