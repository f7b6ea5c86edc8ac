/**
 * An app export: the project read through its own read-only connection (the store worker keeps the
 * writer), written by the export service. Runs in a worker of its own (StoreClient role 'export'), so a
 * 10k-annotation export neither stalls the main / serve event loop nor queues the editor's store calls,
 * and cancelling is terminating that worker.
 */
import type { AppEvent } from '../../../shared/ipc/events.js';
import { exportDataset } from '../export/exportDataset.js';
import type { ExportFormat } from '../export/types.js';
import { projectToDataset } from '../projects/dataset.js';
import { withProject } from '../projects/withProject.js';

export interface ExportJob {
  readonly exportId: string;
  readonly folder: string;
  readonly outDir: string;
  readonly format: ExportFormat;
  readonly cocoSeg?: 'polygon' | 'rle';
  readonly onlyDone?: boolean;
  readonly dropEmpty?: boolean;
}

export interface ExportJobResult {
  readonly outDir: string;
  readonly images: number;
  readonly annotations: number;
}

/** Progress events at most this often: a 100k-image export must not flood the event channel. */
const PROGRESS_EVERY_MS = 200;

export class ExportService {
  constructor(private readonly emit: (event: AppEvent) => void = () => undefined) {}

  async runExport(job: ExportJob): Promise<ExportJobResult> {
    const dataset = await withProject(job.folder, { readOnly: true }, projectToDataset);
    let last = 0;
    const onProgress = (done: number, total: number): void => {
      if (done < total && Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      this.emit({ type: 'export', exportId: job.exportId, format: job.format, phase: 'progress', outDir: job.outDir, images: done, imagesTotal: total });
    };
    const result = await exportDataset(dataset, {
      format: job.format,
      outDir: job.outDir,
      cocoSeg: job.cocoSeg,
      onlyDone: job.onlyDone,
      dropEmpty: job.dropEmpty,
      onProgress,
    });
    const images = result.splits.reduce((n, s) => n + s.images, 0);
    const annotations = result.splits.reduce((n, s) => n + s.annotations, 0);
    return { outDir: result.outDir, images, annotations };
  }
}

export const EXPORT_METHODS = ['runExport'] as const;
