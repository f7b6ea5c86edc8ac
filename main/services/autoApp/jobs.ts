/**
 * Automatic mask generation jobs of the app: one image (auto:start → records the person reviews) or a
 * selection in the background (auto:startBatch → annotations flagged needs_review). The generator runs
 * here and sends its heavy work (encoder, decoder batches, per-mask filtering) to the engine process
 * through the session's lane; what stays here is RLE bookkeeping (NMS on boxes, duplicate strategy).
 * Progress and the end of every job go out as `auto` events.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isSamlabelError, SamlabelError, serializeError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import type { ImageMask } from '../../../shared/masks/amg/maskData.js';
import { resolveAmgParams, type AmgParams } from '../../../shared/masks/amg/params.js';
import type { EngineSession } from '../app/engineSession.js';
import { SamAutomaticMaskGenerator, type AmgProgress, type AmgResult } from '../auto/generator.js';
import { modelAmgDefaults } from '../auto/modelDefaults.js';
import type { AutoMask } from './storeOps.js';
import type { StoreClient } from '../store/storeClient.js';
import type { AnnotationOut } from '../store/editOps.js';
import { toRecordsOut, type AutoRecordOut } from './records.js';
import { sessionAmgEngine } from './sessionEngine.js';

export type AutoParams = Partial<Omit<AmgParams, 'pointGrids' | 'outputMode' | 'region'>> & { region?: [number, number, number, number] };

export interface AutoResults {
  readonly jobId: string;
  readonly imageId: string;
  readonly width: number;
  readonly height: number;
  readonly records: AutoRecordOut[];
  readonly stats: { pointsTotal: number; pointsSkipped: number; decoderRuns: number; totalMs: number };
}

interface Job {
  readonly kind: 'image' | 'batch';
  readonly controller: AbortController;
  running: boolean;
  results?: AutoResults;
  masks?: Map<string, ImageMask>;
  imageId?: number;
  /** The project the job's image ids belong to: another project opened since makes them meaningless. */
  folder: string | null;
}

/** Finished single-image jobs kept for auto:results / auto:accept (a person reviews one or two at a time). */
const KEPT_RESULTS = 8;

type AutoEvent = Extract<AppEvent, { type: 'auto' }>;

export interface BatchTask {
  readonly signal: AbortSignal;
  progress(extra: Partial<AutoEvent>): void;
  sameProject(): Promise<void>;
}

export const toAutoMask = (m: ImageMask): AutoMask => ({ rle: m.rle, predictedIou: m.predictedIou, stabilityScore: m.stabilityScore, pointCoords: m.pointCoords });

export class AutoJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly session: Pick<EngineSession, 'background' | 'engine'>,
    private readonly store: StoreClient,
    private readonly emit: (event: AppEvent) => void,
  ) {}

  /** SAM's defaults, then the model's (modelDefaults.ts), then the page's; a bad knob fails here, before any engine work. */
  private generator(params: AutoParams = {}): SamAutomaticMaskGenerator {
    const resolved = resolveAmgParams({ ...modelAmgDefaults(this.session.engine.info.modelId), ...params, outputMode: 'uncompressed_rle' });
    return new SamAutomaticMaskGenerator(sessionAmgEngine(this.session), resolved);
  }

  private async imagePath(imageId: number): Promise<string> {
    const loc = await this.store.call('locateImage', imageId);
    if (loc.status === 'missing') throw new SamlabelError('ImageNotFound', `${loc.relPath} is missing from the folder`);
    return join(loc.folder, ...loc.relPath.split('/'));
  }

  private async newJob(kind: Job['kind']): Promise<[string, Job]> {
    const jobId = randomUUID();
    const job: Job = { kind, controller: new AbortController(), running: true, folder: await this.store.call('currentFolder') };
    this.jobs.set(jobId, job);
    return [jobId, job];
  }

  private progress(jobId: string, job: Job, p: AmgProgress, extra: Partial<AutoEvent> = {}): void {
    this.emit({ type: 'auto', jobId, kind: job.kind, phase: 'progress', pointsDone: p.pointsDone, pointsTotal: p.pointsTotal, ...extra });
  }

  private end(jobId: string, job: Job, error: unknown, extra: Partial<AutoEvent>): void {
    job.running = false;
    const phase = error === undefined ? 'done' : job.controller.signal.aborted ? 'cancelled' : 'failed';
    const failure = phase === 'failed' ? { error: serializeError(error) } : {};
    this.emit({ type: 'auto', jobId, kind: job.kind, phase, pointsDone: 0, pointsTotal: 0, ...extra, ...failure });
  }

  async start(imageId: number, params?: AutoParams): Promise<string> {
    const generator = this.generator(params);
    const path = await this.imagePath(imageId);
    const [jobId, job] = await this.newJob('image');
    job.imageId = imageId;
    const id = String(imageId);
    const onProgress = (p: AmgProgress) => this.progress(jobId, job, p, { imageId: id });
    void generator.generate(path, { signal: job.controller.signal, onProgress }).then(
      (result) => {
        this.keep(jobId, job, id, result);
        this.end(jobId, job, undefined, { imageId: id, records: result.records.length, pointsDone: result.stats.pointsTotal, pointsTotal: result.stats.pointsTotal });
      },
      (err: unknown) => this.end(jobId, job, err, { imageId: id }),
    );
    return jobId;
  }

  private keep(jobId: string, job: Job, imageId: string, result: AmgResult): void {
    const { records, byId } = toRecordsOut(jobId, result.masks);
    const s = result.stats;
    job.masks = byId;
    job.results = { jobId, imageId, width: result.width, height: result.height, records, stats: { pointsTotal: s.pointsTotal, pointsSkipped: s.pointsSkipped, decoderRuns: s.decoderRuns, totalMs: s.timingsMs.total } };
    const finished = [...this.jobs].filter(([, j]) => j.results !== undefined);
    for (const [old] of finished.slice(0, Math.max(0, finished.length - KEPT_RESULTS))) this.jobs.delete(old);
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job?.running) return false;
    job.controller.abort();
    return true;
  }

  results(jobId: string): AutoResults {
    const job = this.jobs.get(jobId);
    if (!job || job.kind !== 'image') throw new SamlabelError('BadInput', `no automatic mask job ${jobId}`);
    if (!job.results) throw new SamlabelError('BadInput', `automatic mask job ${jobId} has ${job.running ? 'not finished yet' : 'no results (it failed or was cancelled)'}`);
    return job.results;
  }

  /** Keeps the chosen records as annotations (one undo step); an accepted record cannot be accepted twice. */
  async accept(jobId: string, recordIds: readonly string[], labelId: number): Promise<AnnotationOut[]> {
    const results = this.results(jobId);
    const job = this.jobs.get(jobId) as Job;
    const masks = job.masks as Map<string, ImageMask>;
    const unique = [...new Set(recordIds)];
    const chosen = unique.map((id) => {
      const mask = masks.get(id);
      if (!mask) throw new SamlabelError('BadInput', `record ${id} is not an unaccepted record of job ${jobId}`);
      return mask;
    });
    await this.sameProject(job);
    const added = await this.store.call('acceptAutoMasks', job.imageId as number, labelId, chosen.map(toAutoMask));
    unique.forEach((id) => masks.delete(id));
    this.emit({ type: 'project', change: 'images', imageIds: [results.imageId] });
    return added;
  }

  /** Image ids are the open project's: a job started on another project must not write into this one. */
  private async sameProject(job: Job): Promise<void> {
    if ((await this.store.call('currentFolder')) !== job.folder) {
      throw new SamlabelError('ProjectNotFound', 'another project was opened since these automatic masks were made; run Auto again');
    }
  }

  /**
   * A background job that is not AMG (auto:importBoxes, boxesImport.ts): reported and cancelled like a
   * batch; `run` gets the job's signal, a progress reporter and the same-project check.
   */
  async startTask(run: (task: BatchTask) => Promise<Partial<AutoEvent>>): Promise<string> {
    const [jobId, job] = await this.newJob('batch');
    const task: BatchTask = {
      signal: job.controller.signal,
      progress: (extra) => this.emit({ type: 'auto', jobId, kind: 'batch', phase: 'progress', pointsDone: 0, pointsTotal: 0, ...extra }),
      sameProject: () => this.sameProject(job),
    };
    void run(task).then(
      (done) => this.end(jobId, job, undefined, done),
      (err: unknown) => this.end(jobId, job, err, {}),
    );
    return jobId;
  }

  /** Every image in turn; images that already have automatic masks are skipped (resumable). */
  async startBatch(imageIds: readonly number[], labelId: number | null, params?: AutoParams): Promise<string> {
    const generator = this.generator(params);
    if (labelId !== null && !(await this.store.call('listLabels')).some((l) => l.labelId === String(labelId))) {
      throw new SamlabelError('LabelNotFound', `label ${labelId} does not exist`);
    }
    const [jobId, job] = await this.newJob('batch');
    void this.runBatch(jobId, job, generator, [...new Set(imageIds)], labelId).then(
      (done) => this.end(jobId, job, undefined, done),
      (err: unknown) => this.end(jobId, job, err, { imagesTotal: imageIds.length }),
    );
    return jobId;
  }

  private async runBatch(jobId: string, job: Job, generator: SamAutomaticMaskGenerator, ids: number[], labelId: number | null): Promise<Partial<AutoEvent>> {
    let added = 0;
    const changed: string[] = [];
    const counts = { imagesDone: 0, imagesTotal: ids.length };
    for (const imageId of ids) {
      const id = String(imageId);
      if (job.controller.signal.aborted) throw new SamlabelError('EngineCancelled', 'automatic mask generation cancelled');
      await this.sameProject(job);
      try {
        if (!(await this.store.call('hasAutoMasks', imageId))) {
          const onProgress = (p: AmgProgress) => this.progress(jobId, job, p, { imageId: id, ...counts });
          const result = await generator.generate(await this.imagePath(imageId), { signal: job.controller.signal, onProgress });
          await this.sameProject(job);
          added += await this.store.call('addReviewAutoMasks', imageId, labelId, result.masks.map(toAutoMask));
          changed.push(id);
        }
      } catch (err) {
        // One unreadable image does not stop the batch; cancellation does.
        if (job.controller.signal.aborted || !isSamlabelError(err)) throw err;
        this.emit({ type: 'auto', jobId, kind: 'batch', phase: 'progress', imageId: id, pointsDone: 0, pointsTotal: 0, ...counts, error: serializeError(err) });
      }
      counts.imagesDone++;
      this.progress(jobId, job, { pointsDone: 0, pointsTotal: 0, crop: 0, crops: 0 }, { imageId: id, ...counts });
    }
    if (changed.length > 0) this.emit({ type: 'project', change: 'images', imageIds: changed });
    return { ...counts, records: added };
  }
}
