/**
 * The click-to-segment session of one image, React-free (tldraw style): prompts in, candidates out.
 * Clicks and hover previews each go through a LatestWins runner, so a burst of clicks or a moving
 * pointer never queues decoder runs. A further click refines the chosen candidate by sending its
 * maskInputId (its low-res logits stay in main and become SAM's mask_input).
 */
import { SamlabelError } from '../../shared/errors.js';
import type { ClickLabel, ImageBox, ImagePoint, Size } from '../../shared/sam/coords.js';
import { imageBox } from '../../shared/sam/coords.js';
import type { WindowedLogits } from '../../shared/sam/lowResCells.js';
import { cycleChoice, shownIndex, toCandidates, withLogits, type Candidate, type PredictAnswer } from './candidates.js';
import { LatestWins, type Outcome } from './latestWins.js';
import { addPoint, emptyPrompts, removeLast, setBox, toDecoderPrompt, type DecoderPromptIn, type PromptList } from './prompts.js';
import { Observable } from './store.js';
import { insideImage } from './viewTransform.js';

/** User Timing marks around a click's predict (see EditorSession.timed). */
export const PREDICT_SENT_MARK = 'samlabel:predict-sent';
export const PREDICT_ANSWERED_MARK = 'samlabel:predict-answered';

/** The previous mark of the name is cleared: observers have seen it, and nothing piles up. */
function mark(name: string, detail: unknown): void {
  performance.clearMarks(name);
  performance.mark(name, { detail });
}

export type EmbeddingState = 'none' | 'computing' | 'ready';

export interface PredictRequest extends DecoderPromptIn {
  readonly imageId: string;
  readonly maskInputId?: string;
  readonly multimaskOutput: boolean;
  /** The candidate index to keep showing (a refinement keeps the person's choice). */
  readonly prefer?: number;
}

/** What the session needs from the backend; the features layer binds it to the client. */
export interface SessionPorts {
  /** engine:setImage: resolves with the size after EXIF orientation once the embedding is ready. */
  setImage(imageId: string): Promise<Size>;
  predict(request: PredictRequest): Promise<PredictAnswer>;
  /** engine:candidateLogits: the exact logits of a candidate the answer carried only as low-res cells. */
  candidateLogits(imageId: string, maskInputId: string): Promise<WindowedLogits>;
  /** Milliseconds on a monotonic clock, for the click latency shown in the status bar. */
  now(): number;
  onError(error: unknown): void;
}

export interface HoverPreview {
  readonly point: ImagePoint;
  readonly candidate: Candidate;
}

export interface SessionState {
  readonly imageId: string | null;
  readonly imageSize: Size | null;
  readonly embedding: EmbeddingState;
  readonly prompts: PromptList;
  readonly candidates: readonly Candidate[];
  readonly chosen: number;
  readonly hover: HoverPreview | null;
  /** A click's decode is in flight. */
  readonly decoding: boolean;
  readonly lastLatencyMs: number | null;
}

/** What accepting needs: the chosen candidate of the current prompts. */
export interface Acceptable {
  readonly imageId: string;
  readonly candidate: Candidate;
  readonly prompts: PromptList;
}

const initial: SessionState = {
  imageId: null,
  imageSize: null,
  embedding: 'none',
  prompts: emptyPrompts,
  candidates: [],
  chosen: 0,
  hover: null,
  decoding: false,
  lastLatencyMs: null,
};

interface Sent {
  readonly request: PredictRequest;
  readonly startedAt: number;
}

interface Answered {
  readonly answer: PredictAnswer;
  readonly startedAt: number;
}

export class EditorSession extends Observable<SessionState> {
  private ready: Promise<boolean> = Promise.resolve(false);
  /** `ready` has resolved true for the current image: a click's predict goes out without a microtask hop. */
  private readyNow = false;
  private readonly clicks: LatestWins<Sent, Answered>;
  private readonly hovers: LatestWins<PredictRequest, PredictAnswer>;
  /** maskInputIds whose logits are being fetched. */
  private readonly fetching = new Set<string>();
  /** The last hover preview's whole answer: a click at that very point asks the same question. */
  private hoverAnswer: { readonly imageId: string; readonly point: ImagePoint; readonly answer: PredictAnswer } | null = null;

  constructor(private readonly ports: SessionPorts) {
    super(initial);
    this.clicks = new LatestWins(async (sent) => ({ answer: await this.timed(sent.request), startedAt: sent.startedAt }));
    this.hovers = new LatestWins((request) => this.sendWhenReady(request));
  }

  /** Switches to an image: drops everything in flight and starts its embedding. Resolves when ready (or failed). */
  open(imageId: string): Promise<boolean> {
    this.clicks.cancel();
    this.hovers.cancel();
    this.hoverAnswer = null;
    this.set({ ...initial, imageId, embedding: 'computing', lastLatencyMs: this.get().lastLatencyMs });
    this.readyNow = false;
    this.ready = this.ports.setImage(imageId).then(
      (size) => {
        const ok = this.whenCurrent(imageId, () => this.set({ imageSize: size, embedding: 'ready' }));
        if (this.get().imageId === imageId) this.readyNow = ok;
        return ok;
      },
      (error: unknown) => this.whenCurrent(imageId, () => this.fail(error, { embedding: 'none' })),
    );
    return this.ready;
  }

  close(): void {
    this.readyNow = false;
    this.clicks.cancel();
    this.hovers.cancel();
    this.hoverAnswer = null;
    this.set({ ...initial, lastLatencyMs: this.get().lastLatencyMs });
  }

  /** Include (1) or exclude (0) point. False when not placed (no image ready, or off the image). */
  click(point: ImagePoint, label: ClickLabel): boolean {
    const size = this.get().imageSize;
    if (!size || !insideImage(point, size)) return false;
    this.updatePrompts(addPoint(this.get().prompts, point, label), true);
    return true;
  }

  /** Box from two corners in any order, clipped to the image. False when nothing of it is on the image. */
  box(a: ImagePoint, b: ImagePoint): boolean {
    const size = this.get().imageSize;
    if (!size) return false;
    const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
    const x0 = clip(Math.min(a.x, b.x), size.width);
    const x1 = clip(Math.max(a.x, b.x), size.width);
    const y0 = clip(Math.min(a.y, b.y), size.height);
    const y1 = clip(Math.max(a.y, b.y), size.height);
    if (x1 - x0 < 1 || y1 - y0 < 1) return false;
    this.updatePrompts(setBox(this.get().prompts, imageBox(x0, y0, x1, y1) as ImageBox), true);
    return true;
  }

  /** Backspace: the rest is decoded afresh, since the chosen logits came from the removed prompt. */
  removeLastPrompt(): void {
    if (this.get().prompts.length === 0) return;
    this.updatePrompts(removeLast(this.get().prompts), false);
  }

  /** Esc. */
  clearPrompts(): void {
    this.updatePrompts(emptyPrompts, false);
  }

  choose(index: number): void {
    if (index < 0 || index >= this.get().candidates.length) return;
    this.set({ chosen: index });
    this.ensureLogits(index);
  }

  cycle(): void {
    const { chosen, candidates } = this.get();
    this.choose(cycleChoice(chosen, candidates.length));
  }

  /** The pointer rests on the image: preview the mask under it, unless prompts are already placed. */
  hoverRest(point: ImagePoint): void {
    const { imageId, imageSize, prompts, embedding } = this.get();
    if (!imageId || !imageSize || embedding !== 'ready' || prompts.length > 0 || !insideImage(point, imageSize)) return;
    const request: PredictRequest = { imageId, pointCoords: [{ x: point.x, y: point.y }], pointLabels: [1], multimaskOutput: true };
    void this.hovers.submit(request).then((outcome) => this.showHover(point, outcome));
  }

  /** The pointer moved on or left: the preview under the old position is stale. */
  hoverLeave(): void {
    this.hovers.cancel();
    if (this.get().hover) this.set({ hover: null });
  }

  acceptable(): Acceptable | null {
    const { imageId, candidates, chosen, prompts, decoding } = this.get();
    if (!imageId || decoding || candidates.length === 0) return null;
    return { imageId, candidate: candidates[chosen], prompts };
  }

  private updatePrompts(prompts: PromptList, refine: boolean): void {
    this.hovers.cancel();
    const { imageId, candidates, chosen } = this.get();
    if (!imageId || prompts.length === 0) {
      this.clicks.cancel();
      this.set({ prompts, candidates: [], chosen: 0, hover: null, decoding: false });
      return;
    }
    const keep = refine && candidates.length > 0 ? { maskInputId: candidates[chosen].maskInputId, prefer: chosen } : {};
    const request: PredictRequest = { imageId, ...toDecoderPrompt(prompts), ...keep, multimaskOutput: true };
    const known = this.hoverAnswerFor(request);
    if (known) {
      // The pointer rested here and the preview's predict asked exactly this: its answer is the click's.
      this.clicks.cancel();
      const answered = toCandidates(known);
      this.set({ prompts, hover: null, candidates: answered, chosen: shownIndex(known, answered), decoding: false, lastLatencyMs: 0 });
      return;
    }
    // Sent before the state change: the render it schedules must not run ahead of the request.
    const answered = this.clicks.submit({ request, startedAt: this.ports.now() });
    this.set({ prompts, hover: null, decoding: true, ...(refine ? {} : { candidates: [] }) });
    void answered.then((outcome) => this.showClick(outcome));
  }

  private showClick(outcome: Outcome<Answered>): void {
    if (outcome.status === 'dropped') return;
    if (outcome.status === 'failed') return this.fail(outcome.error, { decoding: false });
    const candidates = toCandidates(outcome.value.answer);
    // Main answers with the candidate to show: the refined one's index (prefer) or the best predicted IoU.
    const chosen = shownIndex(outcome.value.answer, candidates);
    this.set({ candidates, chosen, decoding: false, lastLatencyMs: this.ports.now() - outcome.value.startedAt });
  }

  /** A candidate chosen without its exact logits: its low-res cells show until they arrive. */
  private ensureLogits(index: number): void {
    const { imageId, candidates } = this.get();
    const candidate = candidates[index];
    if (!imageId || candidate.logits || this.fetching.has(candidate.maskInputId)) return;
    this.fetching.add(candidate.maskInputId);
    this.ports
      .candidateLogits(imageId, candidate.maskInputId)
      .then(
        (windowed) => this.replaceCandidate(candidate, withLogits(candidate, windowed)),
        (error: unknown) => this.ports.onError(error),
      )
      .finally(() => this.fetching.delete(candidate.maskInputId));
  }

  /** Only while `old` is still one of the current candidates: a newer click has replaced them all. */
  private replaceCandidate(old: Candidate, next: Candidate): void {
    const { candidates } = this.get();
    const at = candidates.indexOf(old);
    if (at >= 0) this.set({ candidates: candidates.map((c, i) => (i === at ? next : c)) });
  }

  /** The hover answer when `request` is the hover's own question: one include point at its very spot. */
  private hoverAnswerFor(request: PredictRequest): PredictAnswer | null {
    const h = this.hoverAnswer;
    const [p] = request.pointCoords;
    const single = request.pointCoords.length === 1 && request.pointLabels[0] === 1 && !request.box && !request.maskInputId;
    return h && single && h.imageId === request.imageId && h.point.x === p.x && h.point.y === p.y ? h.answer : null;
  }

  private showHover(point: ImagePoint, outcome: Outcome<PredictAnswer>): void {
    if (outcome.status === 'dropped' || this.get().prompts.length > 0) return;
    if (outcome.status === 'failed') return this.fail(outcome.error, { hover: null });
    const imageId = this.get().imageId;
    if (imageId) this.hoverAnswer = { imageId, point, answer: outcome.value };
    const candidates = toCandidates(outcome.value);
    if (candidates.length > 0) this.set({ hover: { point, candidate: candidates[shownIndex(outcome.value, candidates)] } });
  }

  /**
   * A click's predict between User Timing marks (sent; answered, with main's own timings as detail):
   * benchmarks and profilers split click → drawn into page, transport, main and decoder time.
   */
  private async timed(request: PredictRequest): Promise<PredictAnswer> {
    if (!this.readyNow && !(await this.ready)) throw new SamlabelError('NoImageSet', 'the image has no embedding; open it again');
    mark(PREDICT_SENT_MARK, null);
    const answer = await this.ports.predict(request);
    mark(PREDICT_ANSWERED_MARK, answer.timingsMs ?? null);
    return answer;
  }

  private async sendWhenReady(request: PredictRequest): Promise<PredictAnswer> {
    if (!(await this.ready)) throw new SamlabelError('NoImageSet', 'the image has no embedding; open it again');
    return this.ports.predict(request);
  }

  private whenCurrent(imageId: string, apply: () => void): boolean {
    if (this.get().imageId !== imageId) return false;
    apply();
    return this.get().embedding === 'ready';
  }

  private fail(error: unknown, patch: Partial<SessionState>): void {
    this.set(patch);
    this.ports.onError(error);
  }
}
