/**
 * The accepted annotations of the open image, as the list and the canvas show them. The store is the
 * truth: every change (accept, relabel, delete, reorder, undo, redo) is one call to it, then the list
 * is re-read, so what is shown is what is persisted. Hiding and selection are view state, kept here.
 */
import { Observable } from './store.js';

export interface AnnotationRecord {
  readonly annotationId: string;
  readonly imageId: string;
  readonly labelId: string;
  /** COCO compressed RLE, size [height, width]. */
  readonly rle: { readonly size: readonly [number, number]; readonly counts: string };
  readonly area: number;
  /** [x, y, width, height] in image pixels. */
  readonly bbox: readonly [number, number, number, number];
  readonly zOrder: number;
  /**
   * Set when a person should look at the mask again (an automatic or imported mask, an image whose
   * pixel size changed), with the reason in words. Absent is read as null: nothing to check.
   */
  readonly review?: { readonly reason: string } | null;
}

export const needsReview = (a: AnnotationRecord): boolean => a.review != null;

export interface AcceptInput {
  readonly imageId: string;
  readonly maskInputId: string;
  readonly labelId: string;
  readonly prompts: {
    readonly pointCoords: readonly { x: number; y: number }[];
    readonly pointLabels: readonly (0 | 1)[];
    readonly box?: { x0: number; y0: number; x1: number; y1: number };
  };
}

export interface HistoryState {
  readonly undo: string | null;
  readonly redo: string | null;
}

/** The store operations the list needs (bound to the client by the features layer). */
export interface AnnotationPorts {
  list(imageId: string): Promise<readonly AnnotationRecord[]>;
  accept(input: AcceptInput): Promise<unknown>;
  setLabel(annotationId: string, labelId: string): Promise<unknown>;
  remove(annotationIds: readonly string[]): Promise<unknown>;
  reorder(imageId: string, annotationIds: readonly string[]): Promise<unknown>;
  /** Clears one annotation's needs-review flag (one undo step). */
  markReviewed(annotationId: string): Promise<unknown>;
  /** Clears every needs-review flag of an image (one undo step). */
  markImageReviewed(imageId: string): Promise<unknown>;
  undo(imageId: string): Promise<unknown>;
  redo(imageId: string): Promise<unknown>;
  history(imageId: string): Promise<HistoryState>;
  onError(error: unknown): void;
}

export interface AnnotationsState {
  readonly imageId: string | null;
  /** Bottom to top (paint order). */
  readonly items: readonly AnnotationRecord[];
  readonly hidden: ReadonlySet<string>;
  readonly selected: string | null;
  readonly history: HistoryState;
  /** Bumped on every re-read, so views can tell a fresh list from the same one. */
  readonly version: number;
}

const noHistory: HistoryState = { undo: null, redo: null };

export class AnnotationsModel extends Observable<AnnotationsState> {
  constructor(private readonly ports: AnnotationPorts) {
    super({ imageId: null, items: [], hidden: new Set(), selected: null, history: noHistory, version: 0 });
  }

  async open(imageId: string | null): Promise<void> {
    this.set({ imageId, items: [], hidden: new Set(), selected: null, history: noHistory });
    await this.reload();
  }

  /** Re-reads the list and the undo state of the current image from the store. */
  async reload(): Promise<void> {
    const imageId = this.get().imageId;
    if (!imageId) return;
    try {
      const [items, history] = await Promise.all([this.ports.list(imageId), this.ports.history(imageId)]);
      if (this.get().imageId !== imageId) return;
      const ids = new Set(items.map((a) => a.annotationId));
      const hidden = new Set([...this.get().hidden].filter((id) => ids.has(id)));
      const selected = this.get().selected;
      this.set({ items, history, hidden, selected: selected && ids.has(selected) ? selected : null, version: this.get().version + 1 });
    } catch (error) {
      this.ports.onError(error);
    }
  }

  /** Persists at once; resolves true when the store took it. */
  accept(input: AcceptInput): Promise<boolean> {
    return this.change(() => this.ports.accept(input));
  }

  setLabel(annotationId: string, labelId: string): Promise<boolean> {
    return this.change(() => this.ports.setLabel(annotationId, labelId));
  }

  remove(annotationId: string): Promise<boolean> {
    return this.change(() => this.ports.remove([annotationId]));
  }

  /** Moves one annotation a step up (+1, painted later) or down (−1) in the paint order. */
  move(annotationId: string, step: 1 | -1): Promise<boolean> {
    const { imageId, items } = this.get();
    const at = items.findIndex((a) => a.annotationId === annotationId);
    const to = at + step;
    if (!imageId || at === -1 || to < 0 || to >= items.length) return Promise.resolve(false);
    const order = items.map((a) => a.annotationId);
    [order[at], order[to]] = [order[to], order[at]];
    return this.change(() => this.ports.reorder(imageId, order));
  }

  /**
   * Clears the flag of one annotation (the selected one when none is given), then selects the next
   * flagged one in list order, so a person can walk an import of hundreds of masks key by key.
   */
  async markReviewed(annotationId = this.get().selected): Promise<boolean> {
    const a = this.get().items.find((x) => x.annotationId === annotationId);
    if (!a || !needsReview(a)) return false;
    const ok = await this.change(() => this.ports.markReviewed(a.annotationId));
    if (ok && this.get().selected === a.annotationId) this.set({ selected: nextFlagged(this.get().items, a.zOrder) });
    return ok;
  }

  /**
   * The review key: marks the selected flagged mask reviewed (and moves on); with no flagged mask
   * selected, selects the top flagged one, so the person sees what they confirm before confirming it.
   */
  async reviewSelected(): Promise<boolean> {
    const { items, selected } = this.get();
    const current = items.find((a) => a.annotationId === selected);
    if (current && needsReview(current)) return this.markReviewed(current.annotationId);
    const top = nextFlagged(items, Number.POSITIVE_INFINITY);
    if (top !== null) this.select(top);
    return false;
  }

  /** Clears every flag of the open image; nothing is asked of the store when none is flagged. */
  markAllReviewed(): Promise<boolean> {
    const { imageId, items } = this.get();
    if (!imageId || !items.some(needsReview)) return Promise.resolve(false);
    return this.change(() => this.ports.markImageReviewed(imageId));
  }

  undo(): Promise<boolean> {
    const { imageId, history } = this.get();
    if (!imageId || history.undo === null) return Promise.resolve(false);
    return this.change(() => this.ports.undo(imageId));
  }

  redo(): Promise<boolean> {
    const { imageId, history } = this.get();
    if (!imageId || history.redo === null) return Promise.resolve(false);
    return this.change(() => this.ports.redo(imageId));
  }

  select(annotationId: string | null): void {
    this.set({ selected: annotationId });
  }

  toggleHidden(annotationId: string): void {
    const hidden = new Set(this.get().hidden);
    if (!hidden.delete(annotationId)) hidden.add(annotationId);
    this.set({ hidden });
  }

  private async change(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      this.ports.onError(error);
      return false;
    } finally {
      await this.reload();
    }
  }
}

/** The list shows the top of the paint order first: the next flagged one below `zOrder`, else from the top. */
function nextFlagged(items: readonly AnnotationRecord[], zOrder: number): string | null {
  const flagged = items.filter(needsReview);
  const below = flagged.filter((a) => a.zOrder < zOrder).at(-1);
  return (below ?? flagged.at(-1))?.annotationId ?? null;
}
