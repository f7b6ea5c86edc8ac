/**
 * The app's use of the engine: one current image (SamPredictor), the candidates of recent predicts,
 * and a background embedding queue. The engine process holds one image at a time, so engine calls go
 * through one lane: the editor's calls go first, the precompute loop starts its next image only when
 * no editor call is waiting, and a predict after a precompute puts the editor's image back (an
 * embedding cache hit) before running. An encode cannot be interrupted, so the loop also waits for the
 * editor to be quiet (precomputeIdleMs, 1.5 s, after its last call) before starting one: a person clicking
 * away never has each click wait behind a whole background encode.
 */
import { join } from 'node:path';
import { SamlabelError, serializeError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { imageBox, imagePoint, type ClickLabel } from '../../../shared/sam/coords.js';
import { cellGrid, cropToWindow, packCellMasks, type CellGrid, type WindowedLogits } from '../../../shared/sam/lowResCells.js';
import { validatePrompts } from '../../../shared/sam/promptValidation.js';
import type { CallOptions, EngineClient, EngineState } from '../../inference/engineClient.js';
import type { PredictRequest, PredictResult, SetImageResult } from '../../inference/predictor.js';
import type { StoreClient } from '../store/storeClient.js';
import { CandidateStore, lowResStability, shownCandidate, type Candidate } from './candidates.js';

/** What the app needs of the engine: EngineClient's surface (LazyEngine stands in while it starts). */
export type EngineLike = Pick<EngineClient, 'setImage' | 'predict' | 'predictPointBatch' | 'useCacheDir' | 'info' | 'state' | 'warnings'> & {
  on(event: 'state', listener: (state: EngineState) => void): unknown;
  on(event: 'warning', listener: (warning: string) => void): unknown;
};

export interface PredictInput {
  readonly imageId: number;
  readonly pointCoords: readonly { x: number; y: number }[];
  readonly pointLabels: readonly ClickLabel[];
  readonly box?: { x0: number; y0: number; x1: number; y1: number };
  readonly maskInputId?: string;
  readonly multimaskOutput: boolean;
  /** The candidate the editor keeps showing (a refinement keeps the person's choice). */
  readonly prefer?: number;
}

export interface PredictOutput {
  readonly indices: number[];
  readonly iouPredictions: number[];
  readonly stabilityScores: number[];
  readonly maskInputIds: string[];
  readonly lowResSize: number;
  readonly grid: CellGrid;
  readonly cellMasks: Uint8Array<ArrayBuffer>;
  readonly shown: number;
  readonly shownLogits: WindowedLogits;
  readonly timingsMs: { decode: number; total: number };
}

export interface PrecomputeStatus {
  queued: number;
  done: number;
  current: string | null;
  failed: number;
}

export interface EngineSessionOptions {
  /** Quiet time after the editor's last engine call before the precompute loop starts an encode. */
  readonly precomputeIdleMs?: number;
}

/** Longer than the pause between the clicks of someone still working on an image (a second or so). */
const PRECOMPUTE_IDLE_MS = 1500;

interface Current {
  readonly imageId: number;
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

export class EngineSession {
  readonly candidates = new CandidateStore();
  private current: Current | undefined;
  /** The image the engine process holds now (the precompute loop moves it). */
  private engineImage: string | undefined;
  private lane: Promise<unknown> = Promise.resolve();
  private editorWaiting = 0;
  private queue: number[] = [];
  private status: PrecomputeStatus = { queued: 0, done: 0, current: null, failed: 0 };
  private looping = false;
  private lastEditorAt = Number.NEGATIVE_INFINITY;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleMs: number;

  constructor(
    readonly engine: EngineLike,
    private readonly store: StoreClient,
    private readonly emit: (event: AppEvent) => void,
    options: EngineSessionOptions = {},
  ) {
    this.idleMs = options.precomputeIdleMs ?? PRECOMPUTE_IDLE_MS;
  }

  /** Runs `fn` on the engine lane; editor calls jump ahead of the precompute loop's next image. */
  private inLane<T>(fn: () => Promise<T>, editor: boolean): Promise<T> {
    if (editor) this.editorWaiting++;
    const run = this.lane.then(fn, fn);
    this.lane = run.catch(() => undefined);
    return run.finally(() => {
      if (!editor) return;
      this.editorWaiting--;
      this.lastEditorAt = performance.now();
      if (this.editorWaiting === 0) this.kick();
    });
  }

  private async imagePath(imageId: number): Promise<{ path: string; width: number; height: number }> {
    const loc = await this.store.call('locateImage', imageId);
    if (loc.status === 'missing') throw new SamlabelError('ImageNotFound', `${loc.relPath} is missing from the folder`);
    return { path: join(loc.folder, ...loc.relPath.split('/')), width: loc.width, height: loc.height };
  }

  async setImage(imageId: number, options?: CallOptions): Promise<SetImageResult> {
    const { path } = await this.imagePath(imageId);
    const result = await this.inLane(() => this.engine.setImage(path, options), true);
    this.engineImage = path;
    if (this.current?.imageId !== imageId) this.candidates.clear();
    this.current = { imageId, path, width: result.width, height: result.height };
    return result;
  }

  async predict(input: PredictInput): Promise<PredictOutput> {
    const started = performance.now();
    const current = this.current;
    if (!current || current.imageId !== input.imageId) {
      throw new SamlabelError('NoImageSet', `image ${input.imageId} is not the engine's current image: call engine:setImage first`);
    }
    const prompt = {
      pointCoords: input.pointCoords.map((p) => imagePoint(p.x, p.y)),
      pointLabels: [...input.pointLabels],
      box: input.box && imageBox(input.box.x0, input.box.y0, input.box.x1, input.box.y1),
    };
    validatePrompts(prompt, current);
    // A copy: the kept logits are a view into a whole predict answer, which structured clone would send in full.
    const maskInput = input.maskInputId === undefined ? undefined : this.candidates.get(input.maskInputId, current.imageId).logits.slice();
    const request: PredictRequest = { ...prompt, maskInput, multimaskOutput: input.multimaskOutput };
    const result = await this.inLane(() => this.predictOn(current, request), true);
    const n = result.indices.length;
    const side = result.lowResSize;
    const maskInputIds = this.candidates.add(current.imageId, result.lowResLogits, side, result.iouPredictions);
    this.candidates.trim();
    const grid = cellGrid(side, current);
    const shown = shownCandidate(result.iouPredictions, input.prefer);
    return {
      indices: result.indices,
      iouPredictions: result.iouPredictions,
      stabilityScores: lowResStability(result.lowResLogits, side, n, current),
      maskInputIds,
      lowResSize: side,
      grid,
      cellMasks: packCellMasks(result.lowResLogits, side, n, grid),
      shown,
      shownLogits: cropToWindow(result.lowResLogits.subarray(shown * side * side, (shown + 1) * side * side), side, grid),
      timingsMs: { decode: result.timingsMs.decode, total: performance.now() - started },
    };
  }

  /** A recent candidate's deciding logits (engine:candidateLogits): the editor shows another of the trio. */
  candidateLogits(imageId: number, maskInputId: string): WindowedLogits {
    const current = this.current;
    if (!current || current.imageId !== imageId) {
      throw new SamlabelError('NoImageSet', `image ${imageId} is not the engine's current image: call engine:setImage first`);
    }
    const candidate = this.candidates.get(maskInputId, imageId);
    return cropToWindow(candidate.logits, candidate.lowResSize, cellGrid(candidate.lowResSize, current));
  }

  private async predictOn(current: Current, request: PredictRequest): Promise<PredictResult> {
    if (this.engineImage !== current.path) {
      await this.engine.setImage(current.path);
      this.engineImage = current.path;
    }
    return this.engine.predict(request);
  }

  /**
   * Runs `fn` on the engine lane for a background user (automatic masks) that sets its own images:
   * `held` says whether the engine still holds the image `owner` set last (nobody ran in between);
   * the editor's next predict puts its own image back.
   */
  background<T>(owner: string, fn: (engine: EngineLike, held: boolean) => Promise<T>): Promise<T> {
    return this.inLane(async () => {
      const held = this.engineImage === owner;
      this.engineImage = owner;
      return fn(this.engine, held);
    }, false);
  }

  candidate(id: string, imageId: number): Candidate {
    return this.candidates.get(id, imageId);
  }

  /** Replaces the background queue (priority order); the editor's current image is skipped. */
  precompute(imageIds: number[]): PrecomputeStatus {
    this.queue = imageIds.filter((id, i) => id !== this.current?.imageId && imageIds.indexOf(id) === i);
    this.status = { queued: this.queue.length, done: 0, current: null, failed: 0 };
    this.emit({ type: 'precompute', status: { ...this.status } });
    this.kick();
    return { ...this.status };
  }

  precomputeStatus(): PrecomputeStatus {
    return { ...this.status, queued: this.queue.length };
  }

  /** Starts the loop when the editor is quiet; otherwise checks again when it would be. */
  private kick(): void {
    if (this.looping || this.queue.length === 0 || this.editorWaiting > 0) return;
    const wait = this.lastEditorAt + this.idleMs - performance.now();
    if (wait > 0) {
      clearTimeout(this.resumeTimer);
      this.resumeTimer = setTimeout(() => this.kick(), wait);
      this.resumeTimer.unref?.();
      return;
    }
    this.looping = true;
    void this.loop().finally(() => {
      this.looping = false;
      this.kick();
    });
  }

  private editorQuiet(): boolean {
    return this.editorWaiting === 0 && performance.now() - this.lastEditorAt >= this.idleMs;
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0 && this.editorQuiet()) {
      const imageId = this.queue.shift() as number;
      this.status = { ...this.status, queued: this.queue.length, current: String(imageId) };
      let error: { code: string; message: string } | undefined;
      try {
        const { path } = await this.imagePath(imageId);
        await this.inLane(async () => {
          await this.engine.setImage(path);
          this.engineImage = path;
        }, false);
        this.status.done++;
      } catch (err) {
        this.status.failed++;
        error = serializeError(err);
      }
      this.status = { ...this.status, current: null };
      this.emit({ type: 'precompute', status: this.precomputeStatus(), imageId: String(imageId), error });
    }
  }

  /** Forgets the project's images (another project was opened). */
  reset(): void {
    clearTimeout(this.resumeTimer);
    this.queue = [];
    this.current = undefined;
    this.candidates.clear();
    this.status = { queued: 0, done: 0, current: null, failed: 0 };
  }
}
