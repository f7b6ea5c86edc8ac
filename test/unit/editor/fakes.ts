/**
 * Fakes of the backend the editor talks to (engine and store), with answers the tests can hold back
 * and release in any order. The editor classes under test are always the real ones.
 */
import { calculateStabilityScore } from '../../../shared/masks/stability.js';
import type { Size } from '../../../shared/sam/coords.js';
import { cropToWindow, packCellMasks, type WindowedLogits } from '../../../shared/sam/lowResCells.js';
import type { PredictAnswer } from '../../../renderer/editor/candidates.js';
import type { PredictRequest, SessionPorts } from '../../../renderer/editor/session.js';
import type { AcceptInput, AnnotationPorts, AnnotationRecord, HistoryState } from '../../../renderer/editor/annotations.js';

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

export const LOW_RES = 4;
const GRID = { cols: LOW_RES, rows: LOW_RES };

/** Every candidate plane answerFor made, by maskInputId: what main's CandidateStore holds. */
const planes = new Map<string, Float32Array>();

/**
 * A decoder answer that says which request it answers: three candidates whose scores are given, and
 * whose maskInputIds are `${tag}#${i}` so a test can see which candidate was fed back. Shaped as main
 * shapes it: packed cell bits for all, the deciding logits of the shown one (`prefer`, else best IoU).
 */
export function answerFor(tag: string, scores: readonly number[] = [0.5, 0.9, 0.7], prefer?: number): PredictAnswer {
  const plane = LOW_RES * LOW_RES;
  const logits = new Float32Array(scores.length * plane);
  // Candidate i is "inside" on its first i+1 cells: different masks, different stability.
  scores.forEach((_, i) => logits.fill(-5, i * plane, (i + 1) * plane).fill(5, i * plane, i * plane + i + 1));
  const maskInputIds = scores.map((_, i) => `${tag}#${i}`);
  maskInputIds.forEach((id, i) => planes.set(id, logits.slice(i * plane, (i + 1) * plane)));
  const shown = prefer !== undefined && prefer < scores.length ? prefer : scores.indexOf(Math.max(...scores));
  return {
    iouPredictions: scores,
    stabilityScores: scores.map((_, i) => calculateStabilityScore(logits.subarray(i * plane, (i + 1) * plane), 0, 1)),
    maskInputIds,
    lowResSize: LOW_RES,
    grid: GRID,
    cellMasks: packCellMasks(logits, LOW_RES, scores.length, GRID),
    shown,
    shownLogits: cropToWindow(logits.subarray(shown * plane, (shown + 1) * plane), LOW_RES, GRID),
  };
}

/** The deciding logits of a candidate answerFor made (what engine:candidateLogits answers). */
export function logitsOf(maskInputId: string): WindowedLogits {
  const plane = planes.get(maskInputId);
  if (!plane) throw new Error(`no candidate ${maskInputId}`);
  return cropToWindow(plane, LOW_RES, GRID);
}

export interface LogitsCall {
  readonly imageId: string;
  readonly maskInputId: string;
  readonly answer: Deferred<WindowedLogits>;
}

export interface FakeEngine extends SessionPorts {
  readonly requests: PredictRequest[];
  /** Pending predict answers, oldest first; resolve them with answerFor(...). */
  readonly pending: Deferred<PredictAnswer>[];
  readonly setImages: Deferred<Size>[];
  /** engine:candidateLogits calls, oldest first; resolve them with logitsOf(...). */
  readonly logitCalls: LogitsCall[];
  readonly errors: unknown[];
  clock: number;
}

export function fakeEngine(): FakeEngine {
  const engine: FakeEngine = {
    requests: [],
    pending: [],
    setImages: [],
    logitCalls: [],
    errors: [],
    clock: 0,
    setImage() {
      const d = deferred<Size>();
      engine.setImages.push(d);
      return d.promise;
    },
    predict(request) {
      engine.requests.push(request);
      const d = deferred<PredictAnswer>();
      engine.pending.push(d);
      return d.promise;
    },
    candidateLogits(imageId, maskInputId) {
      const answer = deferred<WindowedLogits>();
      engine.logitCalls.push({ imageId, maskInputId, answer });
      return answer.promise;
    },
    now: () => engine.clock,
    onError: (error) => engine.errors.push(error),
  };
  return engine;
}

/** An in-memory store with one undo stack per image, journaling whole-list snapshots. */
export class FakeStore implements AnnotationPorts {
  readonly errors: unknown[] = [];
  private readonly lists = new Map<string, AnnotationRecord[]>();
  private readonly undoStack = new Map<string, { what: string; before: AnnotationRecord[] }[]>();
  private readonly redoStack = new Map<string, { what: string; before: AnnotationRecord[] }[]>();
  private nextId = 1;

  async list(imageId: string): Promise<readonly AnnotationRecord[]> {
    return [...(this.lists.get(imageId) ?? [])].sort((a, b) => a.zOrder - b.zOrder);
  }

  async accept(input: AcceptInput): Promise<unknown> {
    const items = this.lists.get(input.imageId) ?? [];
    const record: AnnotationRecord = {
      annotationId: String(this.nextId++),
      imageId: input.imageId,
      labelId: input.labelId,
      rle: { size: [10, 10], counts: input.maskInputId },
      area: input.prompts.pointCoords.length,
      bbox: [0, 0, 1, 1],
      zOrder: items.length,
    };
    this.edit(input.imageId, 'add annotation', [...items, record]);
    return record;
  }

  async setLabel(annotationId: string, labelId: string): Promise<unknown> {
    const imageId = this.imageOf(annotationId);
    this.edit(imageId, 'edit', this.lists.get(imageId)!.map((a) => (a.annotationId === annotationId ? { ...a, labelId } : a)));
    return null;
  }

  async remove(ids: readonly string[]): Promise<unknown> {
    const imageId = this.imageOf(ids[0]);
    this.edit(imageId, 'delete', this.lists.get(imageId)!.filter((a) => !ids.includes(a.annotationId)));
    return null;
  }

  async reorder(imageId: string, ids: readonly string[]): Promise<unknown> {
    const byId = new Map((this.lists.get(imageId) ?? []).map((a) => [a.annotationId, a]));
    this.edit(imageId, 'reorder', ids.map((id, z) => ({ ...byId.get(id)!, zOrder: z })));
    return null;
  }

  /** Flags masks as an import would (not journaled: they arrive flagged). */
  flag(imageId: string, annotationIds: readonly string[], reason: string): void {
    this.lists.set(imageId, this.lists.get(imageId)!.map((a) => (annotationIds.includes(a.annotationId) ? { ...a, review: { reason } } : a)));
  }

  async markReviewed(annotationId: string): Promise<unknown> {
    const imageId = this.imageOf(annotationId);
    this.edit(imageId, 'mark reviewed', this.lists.get(imageId)!.map((a) => (a.annotationId === annotationId ? { ...a, review: null } : a)));
    return null;
  }

  async markImageReviewed(imageId: string): Promise<unknown> {
    this.edit(imageId, 'mark all reviewed', (this.lists.get(imageId) ?? []).map((a) => ({ ...a, review: null })));
    return null;
  }

  async undo(imageId: string): Promise<unknown> {
    return this.step(imageId, this.undoStack, this.redoStack, 'NothingToUndo');
  }

  async redo(imageId: string): Promise<unknown> {
    return this.step(imageId, this.redoStack, this.undoStack, 'NothingToRedo');
  }

  async history(imageId: string): Promise<HistoryState> {
    const top = (m: Map<string, { what: string }[]>) => m.get(imageId)?.at(-1)?.what ?? null;
    return { undo: top(this.undoStack), redo: top(this.redoStack) };
  }

  onError(error: unknown): void {
    this.errors.push(error);
  }

  private step(imageId: string, from: typeof this.undoStack, to: typeof this.undoStack, code: string): unknown {
    const entry = from.get(imageId)?.pop();
    if (!entry) throw new Error(code);
    to.set(imageId, [...(to.get(imageId) ?? []), { what: entry.what, before: this.lists.get(imageId) ?? [] }]);
    this.lists.set(imageId, entry.before);
    return null;
  }

  private edit(imageId: string, what: string, after: AnnotationRecord[]): void {
    this.undoStack.set(imageId, [...(this.undoStack.get(imageId) ?? []), { what, before: this.lists.get(imageId) ?? [] }]);
    this.redoStack.set(imageId, []);
    this.lists.set(imageId, after);
  }

  private imageOf(annotationId: string): string {
    for (const [imageId, items] of this.lists) if (items.some((a) => a.annotationId === annotationId)) return imageId;
    throw new Error('AnnotationNotFound');
  }
}
