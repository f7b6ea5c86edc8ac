/**
 * Latest request wins: at most one request in flight and one waiting. A newer submit replaces the
 * waiting one (which resolves as dropped, never sent) and marks the in-flight one stale, so its answer
 * is dropped when it arrives. The engine therefore never builds a queue of hover previews or clicks
 * nobody will look at, and the screen never shows an answer older than one already shown.
 */

export type Outcome<R> =
  | { readonly status: 'done'; readonly value: R }
  | { readonly status: 'dropped' }
  | { readonly status: 'failed'; readonly error: unknown };

interface Job<Q, R> {
  readonly request: Q;
  readonly generation: number;
  readonly resolve: (outcome: Outcome<R>) => void;
}

const dropped = { status: 'dropped' } as const;

export class LatestWins<Q, R> {
  private generation = 0;
  private waiting: Job<Q, R> | null = null;
  private busy = false;

  constructor(private readonly send: (request: Q) => Promise<R>) {}

  /** Resolves once, with the answer, or `dropped` when a newer submit (or cancel) superseded it. */
  submit(request: Q): Promise<Outcome<R>> {
    const generation = ++this.generation;
    this.waiting?.resolve(dropped);
    return new Promise((resolve) => {
      this.waiting = { request, generation, resolve };
      void this.pump();
    });
  }

  /** Drops the waiting request and makes the in-flight answer stale. */
  cancel(): void {
    this.generation++;
    this.waiting?.resolve(dropped);
    this.waiting = null;
  }

  /** True while a request is being answered (sent and not yet back). */
  get inFlight(): boolean {
    return this.busy;
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.busy = true;
    let outcome: Outcome<R>;
    try {
      outcome = { status: 'done', value: await this.send(job.request) };
    } catch (error) {
      outcome = { status: 'failed', error };
    }
    this.busy = false;
    job.resolve(job.generation === this.generation ? outcome : dropped);
    void this.pump();
  }
}
