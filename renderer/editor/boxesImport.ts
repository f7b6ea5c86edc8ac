/**
 * "Import boxes" in the Auto panel (auto:listDetections / auto:importBoxes): the detection sources main
 * found in the project, the one chosen, and the import job. The job is an AutoBatch whose "list" is the
 * chosen source: main reports the import as a 'batch' `auto` event, so progress, cancel and the end
 * follow the same state machine as Auto on all images.
 */
import { AutoBatch, type AutoBatchEventLike } from './autoBatch.js';
import { Observable } from './store.js';

export interface DetectionSourceLike {
  readonly sourceId: string;
  readonly name: string;
  readonly kind: 'yolo' | 'coco';
}

export type BoxesMode = 'single' | 'best-of-3';

export interface BoxesImportPorts {
  list(): Promise<readonly DetectionSourceLike[]>;
  start(sourceId: string, mode: BoxesMode): Promise<string>;
  cancel(jobId: string): Promise<unknown>;
  /** The import ended having added masks: the gallery and the open image's annotations re-read. */
  finished(): void;
  onError(error: unknown): void;
}

export interface BoxesImportState {
  readonly sources: readonly DetectionSourceLike[];
  readonly sourceId: string | null;
  readonly mode: BoxesMode;
}

export class BoxesImport extends Observable<BoxesImportState> {
  readonly job: AutoBatch;

  constructor(private readonly ports: BoxesImportPorts) {
    super({ sources: [], sourceId: null, mode: 'single' });
    this.job = new AutoBatch({
      listImages: async () => {
        const { sourceId } = this.get();
        return sourceId === null ? [] : [sourceId];
      },
      start: ([sourceId]) => ports.start(sourceId, this.get().mode),
      cancel: (jobId) => ports.cancel(jobId),
      finished: () => ports.finished(),
      onError: (e) => ports.onError(e),
    });
  }

  /** Re-reads the sources; keeps the chosen one when it is still listed (ids are re-issued per listing, so by name). */
  async refresh(): Promise<void> {
    try {
      const chosen = this.get().sources.find((s) => s.sourceId === this.get().sourceId)?.name;
      const sources = await this.ports.list();
      this.set({ sources, sourceId: (sources.find((s) => s.name === chosen) ?? sources[0])?.sourceId ?? null });
    } catch (error) {
      this.ports.onError(error);
    }
  }

  select(sourceId: string): void {
    if (this.get().sources.some((s) => s.sourceId === sourceId)) this.set({ sourceId });
  }

  setMode(mode: BoxesMode): void {
    this.set({ mode });
  }

  run(): Promise<void> {
    return this.job.run(null);
  }

  onEvent(event: AutoBatchEventLike): void {
    this.job.onEvent(event);
  }
}
