/**
 * Automatic masks over many images in the background (auto:startBatch): every image's masks are added
 * to the project flagged needs_review, as `samlabel auto --into-project` does. This model only tracks
 * the job: start, progress (images, and points of the current one), cancel, the end.
 */
import { Observable } from './store.js';

export interface AutoBatchEventLike {
  readonly type: 'auto';
  readonly jobId: string;
  readonly kind: 'image' | 'batch';
  readonly phase: 'progress' | 'done' | 'failed' | 'cancelled';
  readonly pointsDone: number;
  readonly pointsTotal: number;
  readonly imagesDone?: number;
  readonly imagesTotal?: number;
  readonly records?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface AutoBatchPorts {
  /** The images to run on (e.g. every image in the gallery's filter), in order. */
  listImages(): Promise<readonly string[]>;
  start(imageIds: readonly string[], labelId: string | null): Promise<string>;
  cancel(jobId: string): Promise<unknown>;
  /** The batch ended having added masks: the gallery re-reads its rows. */
  finished(): void;
  onError(error: unknown): void;
}

export interface AutoBatchState {
  readonly phase: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  readonly jobId: string | null;
  readonly imagesDone: number;
  readonly imagesTotal: number;
  readonly pointsDone: number;
  readonly pointsTotal: number;
  /** Masks added for review (on done). */
  readonly records: number;
}

const idle: AutoBatchState = { phase: 'idle', jobId: null, imagesDone: 0, imagesTotal: 0, pointsDone: 0, pointsTotal: 0, records: 0 };

export class AutoBatch extends Observable<AutoBatchState> {
  constructor(private readonly ports: AutoBatchPorts) {
    super(idle);
  }

  async run(labelId: string | null): Promise<void> {
    const phase = this.get().phase;
    if (phase === 'starting' || phase === 'running') return;
    this.set({ ...idle, phase: 'starting' });
    try {
      const ids = await this.ports.listImages();
      if (ids.length === 0) return this.set(idle);
      const jobId = await this.ports.start(ids, labelId);
      this.set({ phase: 'running', jobId, imagesTotal: ids.length });
    } catch (error) {
      this.set({ phase: 'failed' });
      this.ports.onError(error);
    }
  }

  async cancel(): Promise<void> {
    const { jobId, phase } = this.get();
    if (phase === 'running' && jobId) await this.ports.cancel(jobId).catch((e: unknown) => this.ports.onError(e));
  }

  onEvent(event: AutoBatchEventLike): void {
    const s = this.get();
    if (event.kind !== 'batch' || event.jobId !== s.jobId || s.phase !== 'running') return;
    const counts = { imagesDone: event.imagesDone ?? s.imagesDone, imagesTotal: event.imagesTotal ?? s.imagesTotal };
    if (event.phase === 'progress') {
      this.set({ ...counts, pointsDone: event.pointsDone, pointsTotal: event.pointsTotal });
      if (event.error) this.ports.onError(new Error(event.error.message));
      return;
    }
    this.set({ ...counts, phase: event.phase, records: event.records ?? 0 });
    if (event.phase === 'failed') this.ports.onError(new Error(event.error?.message ?? 'automatic masks failed'));
    this.ports.finished();
  }
}
