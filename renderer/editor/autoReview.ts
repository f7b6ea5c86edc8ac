/**
 * Automatic masks of the open image, as the Auto panel and the canvas overlay show them: run (with
 * progress and cancel), then review the records, largest first — accept (with a label), reject, one at
 * a time or in bulk. Accepting persists through main (one undo step per call); rejecting only hides a
 * record here: a record nobody accepted is not worth a row in the project.
 */
import { Observable } from './store.js';

export interface AutoRecord {
  readonly recordId: string;
  /** COCO compressed RLE, size [height, width]. */
  readonly segmentation: { readonly size: readonly [number, number]; readonly counts: string };
  readonly area: number;
  /** [x, y, width, height] in image pixels. */
  readonly bbox: readonly [number, number, number, number];
  readonly predicted_iou: number;
  readonly stability_score: number;
  readonly point_coords: readonly (readonly [number, number])[];
}

/** An `auto` event, the fields this model reads. */
export interface AutoEventLike {
  readonly type: 'auto';
  readonly jobId: string;
  readonly phase: 'progress' | 'done' | 'failed' | 'cancelled';
  readonly pointsDone: number;
  readonly pointsTotal: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface AutoPorts {
  start(imageId: string): Promise<string>;
  cancel(jobId: string): Promise<unknown>;
  results(jobId: string): Promise<readonly AutoRecord[]>;
  /** Persists the records as annotations with this label; resolves when stored. */
  accept(jobId: string, recordIds: readonly string[], labelId: string): Promise<unknown>;
  /** After an accept: the annotation list and gallery re-read the image. */
  accepted(imageId: string): Promise<unknown> | void;
  /** An accept without any label: tell the person to pick one. */
  noLabel(): void;
  onError(error: unknown): void;
}

export type AutoPhase = 'idle' | 'running' | 'review' | 'cancelled' | 'failed';

export interface AutoState {
  readonly phase: AutoPhase;
  readonly imageId: string | null;
  readonly jobId: string | null;
  readonly progress: { readonly done: number; readonly total: number };
  /** Still to decide, largest area first. */
  readonly records: readonly AutoRecord[];
  readonly selected: ReadonlySet<string>;
  /** A label chosen for one record; the others take the panel's current label. */
  readonly labels: ReadonlyMap<string, string>;
  /** Each record's place in the job's list: its colour stays put while others are decided. */
  readonly order: ReadonlyMap<string, number>;
  readonly busy: boolean;
}

const initial: AutoState = { phase: 'idle', imageId: null, jobId: null, progress: { done: 0, total: 0 }, records: [], selected: new Set(), labels: new Map(), order: new Map(), busy: false };

export const byAreaDesc = (records: readonly AutoRecord[]): AutoRecord[] => [...records].sort((a, b) => b.area - a.area);

export class AutoReview extends Observable<AutoState> {
  constructor(private readonly ports: AutoPorts) {
    super(initial);
  }

  /** Starts a job on `imageId`; a job still running on another image is cancelled first. */
  async run(imageId: string): Promise<void> {
    const s = this.get();
    if (s.phase === 'running' && s.imageId === imageId) return;
    if (s.phase === 'running' && s.jobId) void this.ports.cancel(s.jobId).catch(() => undefined);
    this.set({ ...initial, phase: 'running', imageId });
    try {
      const jobId = await this.ports.start(imageId);
      if (this.get().imageId === imageId && this.get().phase === 'running') this.set({ jobId });
      else void this.ports.cancel(jobId).catch(() => undefined);
    } catch (error) {
      this.set({ phase: 'failed' });
      this.ports.onError(error);
    }
  }

  async cancel(): Promise<void> {
    const { jobId, phase } = this.get();
    if (phase !== 'running') return;
    this.set({ phase: 'cancelled' });
    if (jobId) await this.ports.cancel(jobId).catch((e: unknown) => this.ports.onError(e));
  }

  /** Events of other jobs (an older run, a batch) are not this panel's. */
  onEvent(event: AutoEventLike): void {
    const s = this.get();
    if (event.jobId !== s.jobId || s.phase !== 'running') return;
    if (event.phase === 'progress') this.set({ progress: { done: event.pointsDone, total: event.pointsTotal } });
    else if (event.phase === 'done') void this.load(event.jobId);
    else {
      this.set({ phase: event.phase });
      if (event.phase === 'failed') this.ports.onError(new Error(event.error?.message ?? 'automatic masks failed'));
    }
  }

  private async load(jobId: string): Promise<void> {
    try {
      const records = byAreaDesc(await this.ports.results(jobId));
      const order = new Map(records.map((r, i) => [r.recordId, i]));
      if (this.get().jobId === jobId) this.set({ phase: 'review', records, order, progress: { ...this.get().progress, done: this.get().progress.total } });
    } catch (error) {
      this.set({ phase: 'failed' });
      this.ports.onError(error);
    }
  }

  toggleSelected(recordId: string): void {
    const selected = new Set(this.get().selected);
    if (!selected.delete(recordId)) selected.add(recordId);
    this.set({ selected });
  }

  setLabel(recordId: string, labelId: string): void {
    this.set({ labels: new Map(this.get().labels).set(recordId, labelId) });
  }

  reject(recordIds: readonly string[]): void {
    this.drop(new Set(recordIds));
  }

  rejectAll(): void {
    this.reject(this.get().records.map((r) => r.recordId));
  }

  acceptAll(labelId: string | null): Promise<boolean> {
    return this.accept(this.get().records.map((r) => r.recordId), labelId);
  }

  acceptSelected(labelId: string | null): Promise<boolean> {
    return this.accept([...this.get().selected], labelId);
  }

  /**
   * Keeps the records, each with its own label or `labelId`: one call (one undo step) per label.
   * False when nothing was stored (no label, nothing to accept, or a failure shown to the person).
   */
  async accept(recordIds: readonly string[], labelId: string | null): Promise<boolean> {
    const s = this.get();
    const ids = recordIds.filter((id) => s.records.some((r) => r.recordId === id));
    if (!s.jobId || !s.imageId || ids.length === 0 || s.busy) return false;
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const label = s.labels.get(id) ?? labelId;
      if (!label) {
        this.ports.noLabel();
        return false;
      }
      groups.set(label, [...(groups.get(label) ?? []), id]);
    }
    this.set({ busy: true });
    try {
      for (const [label, group] of groups) {
        await this.ports.accept(s.jobId, group, label);
        this.drop(new Set(group));
      }
      return true;
    } catch (error) {
      return this.fail(error);
    } finally {
      this.set({ busy: false });
      await this.ports.accepted(s.imageId);
    }
  }

  /** The panel is closed: forget the records (a running job is cancelled). */
  close(): void {
    void this.cancel();
    this.set(initial);
  }

  private fail(error: unknown): false {
    this.ports.onError(error);
    return false;
  }

  private drop(ids: ReadonlySet<string>): void {
    const s = this.get();
    const selected = new Set([...s.selected].filter((id) => !ids.has(id)));
    this.set({ records: s.records.filter((r) => !ids.has(r.recordId)), selected });
  }
}
