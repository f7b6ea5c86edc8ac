/**
 * An app export: the project read through its own read-only connection (the store worker keeps the
 * writer), written by the export service. Runs in a worker of its own (StoreClient role 'export'), so a
 * 10k-annotation export neither stalls the main / serve event loop nor queues the editor's store calls,
 * and cancelling is terminating that worker.
 */
import { exportDataset } from '../export/exportDataset.js';
import type { ExportFormat } from '../export/types.js';
import { projectToDataset } from '../projects/dataset.js';
import { withProject } from '../projects/withProject.js';

export interface ExportJob {
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

export class ExportService {
  async runExport(job: ExportJob): Promise<ExportJobResult> {
    const dataset = await withProject(job.folder, { readOnly: true }, projectToDataset);
    const result = await exportDataset(dataset, {
      format: job.format,
      outDir: job.outDir,
      cocoSeg: job.cocoSeg,
      onlyDone: job.onlyDone,
      dropEmpty: job.dropEmpty,
    });
    const images = result.splits.reduce((n, s) => n + s.images, 0);
    const annotations = result.splits.reduce((n, s) => n + s.annotations, 0);
    return { outDir: result.outDir, images, annotations };
  }
}

export const EXPORT_METHODS = ['runExport'] as const;
