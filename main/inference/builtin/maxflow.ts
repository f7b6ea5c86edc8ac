/**
 * Boykov–Kolmogorov max-flow / min-cut (PAMI 2004, the maxflow-v3 algorithm): two search trees grown from the
 * terminals, augmenting paths, orphan adoption. The fastest known method on image grids, where paths are short;
 * all state lives in typed arrays sized once per graph.
 */

const NONE = -1;
const TERMINAL = -2;
const ORPHAN = -3;
const INF_DIST = 0x3fffffff;

export class FlowGraph {
  readonly nodeCount: number;
  private readonly trCap: Float32Array;
  private readonly first: Int32Array;
  private readonly head: Int32Array;
  private readonly nextArc: Int32Array;
  private readonly rCap: Float32Array;
  private arcCount = 0;
  private readonly parent: Int32Array;
  private readonly isSink: Uint8Array;
  private readonly ts: Int32Array;
  private readonly dist: Int32Array;
  private readonly active: Queue;
  private readonly orphans: Queue;
  private time = 0;

  constructor(nodeCount: number, maxEdges: number) {
    this.nodeCount = nodeCount;
    this.trCap = new Float32Array(nodeCount);
    this.first = new Int32Array(nodeCount).fill(NONE);
    this.head = new Int32Array(2 * maxEdges);
    this.nextArc = new Int32Array(2 * maxEdges);
    this.rCap = new Float32Array(2 * maxEdges);
    this.parent = new Int32Array(nodeCount);
    this.isSink = new Uint8Array(nodeCount);
    this.ts = new Int32Array(nodeCount);
    this.dist = new Int32Array(nodeCount);
    this.active = new Queue(nodeCount);
    this.orphans = new Queue(nodeCount);
  }

  /** Empties the graph so its arrays serve the next cut (one graph per decode, several cuts). */
  reset(): void {
    this.trCap.fill(0);
    this.first.fill(NONE);
    this.arcCount = 0;
  }

  /** Adds capacity source→i (`toSource`) and i→sink (`toSink`); only the difference matters for the cut. */
  addTerminal(i: number, toSource: number, toSink: number): void {
    this.trCap[i] += toSource - toSink;
  }

  /** Edge i→j with capacity `cap` and j→i with `revCap`. */
  addEdge(i: number, j: number, cap: number, revCap: number): void {
    const a = this.arcCount;
    this.arcCount += 2;
    this.head[a] = j;
    this.rCap[a] = cap;
    this.nextArc[a] = this.first[i];
    this.first[i] = a;
    this.head[a + 1] = i;
    this.rCap[a + 1] = revCap;
    this.nextArc[a + 1] = this.first[j];
    this.first[j] = a + 1;
  }

  /** Runs the max-flow; returns its value. Afterwards `inSource(i)` tells the side of the minimum cut. */
  maxflow(): number {
    this.initTrees();
    let flow = 0;
    let current = NONE;
    for (;;) {
      const i = current !== NONE && this.parent[current] !== NONE ? current : this.nextActive();
      if (i === NONE) break;
      const bridge = this.grow(i);
      this.time++;
      if (bridge === NONE) {
        current = NONE;
        continue;
      }
      current = i;
      flow += this.augment(bridge);
      this.adoptOrphans();
    }
    return flow;
  }

  /** True when node i is on the source side (reachable from the source in the residual graph). */
  inSource(i: number): boolean {
    return this.parent[i] !== NONE && this.isSink[i] === 0;
  }

  private initTrees(): void {
    this.time = 0;
    for (let i = 0; i < this.nodeCount; i++) {
      this.ts[i] = 0;
      const c = this.trCap[i];
      if (c === 0) {
        this.parent[i] = NONE;
        continue;
      }
      this.isSink[i] = c > 0 ? 0 : 1;
      this.parent[i] = TERMINAL;
      this.dist[i] = 1;
      this.active.push(i);
    }
  }

  private nextActive(): number {
    while (this.active.size > 0) {
      const i = this.active.pop();
      if (this.parent[i] !== NONE) return i;
    }
    return NONE;
  }

  /** Grows the tree of i by one layer; returns an arc from the source tree to the sink tree if the trees meet. */
  private grow(i: number): number {
    const { head, rCap, parent, isSink, ts, dist } = this;
    const sinkTree = isSink[i];
    for (let a = this.first[i]; a !== NONE; a = this.nextArc[a]) {
      if ((sinkTree ? rCap[a ^ 1] : rCap[a]) === 0) continue;
      const j = head[a];
      if (parent[j] === NONE) {
        isSink[j] = sinkTree;
        parent[j] = a ^ 1;
        ts[j] = ts[i];
        dist[j] = dist[i] + 1;
        this.active.push(j);
      } else if (isSink[j] !== sinkTree) {
        return sinkTree ? a ^ 1 : a;
      } else if (ts[j] <= ts[i] && dist[j] > dist[i]) {
        // Shorter paths make later augmentations cheaper (the BK distance heuristic).
        parent[j] = a ^ 1;
        ts[j] = ts[i];
        dist[j] = dist[i] + 1;
      }
    }
    return NONE;
  }

  /** Pushes the bottleneck flow along source → tail(bridge) → head(bridge) → sink; saturated nodes become orphans. */
  private augment(bridge: number): number {
    const { head, rCap, parent, trCap } = this;
    let b = rCap[bridge];
    let i = head[bridge ^ 1];
    for (let a = parent[i]; a !== TERMINAL; i = head[a], a = parent[i]) b = Math.min(b, rCap[a ^ 1]);
    b = Math.min(b, trCap[i]);
    i = head[bridge];
    for (let a = parent[i]; a !== TERMINAL; i = head[a], a = parent[i]) b = Math.min(b, rCap[a]);
    b = Math.min(b, -trCap[i]);
    rCap[bridge ^ 1] += b;
    rCap[bridge] -= b;
    for (i = head[bridge ^ 1]; ; ) {
      const a = parent[i];
      if (a === TERMINAL) {
        trCap[i] -= b;
        if (trCap[i] === 0) this.makeOrphan(i);
        break;
      }
      rCap[a] += b;
      rCap[a ^ 1] -= b;
      if (rCap[a ^ 1] === 0) this.makeOrphan(i);
      i = head[a];
    }
    for (i = head[bridge]; ; ) {
      const a = parent[i];
      if (a === TERMINAL) {
        trCap[i] += b;
        if (trCap[i] === 0) this.makeOrphan(i);
        break;
      }
      rCap[a ^ 1] += b;
      rCap[a] -= b;
      if (rCap[a] === 0) this.makeOrphan(i);
      i = head[a];
    }
    return b;
  }

  private makeOrphan(i: number): void {
    this.parent[i] = ORPHAN;
    this.orphans.push(i);
  }

  private adoptOrphans(): void {
    while (this.orphans.size > 0) {
      const i = this.orphans.pop();
      if (!this.findNewParent(i)) this.freeOrphan(i);
    }
  }

  /** Looks for a neighbour in the same tree whose path to the terminal is intact; takes the shortest one. */
  private findNewParent(i: number): boolean {
    const { head, rCap, parent, isSink, ts, dist } = this;
    const sinkTree = isSink[i];
    let best = NONE;
    let bestDist = INF_DIST;
    for (let a0 = this.first[i]; a0 !== NONE; a0 = this.nextArc[a0]) {
      if ((sinkTree ? rCap[a0] : rCap[a0 ^ 1]) === 0) continue;
      const j0 = head[a0];
      if (isSink[j0] !== sinkTree || parent[j0] === NONE) continue;
      const d = this.originDistance(j0);
      if (d >= INF_DIST) continue;
      if (d < bestDist) {
        best = a0;
        bestDist = d;
      }
      // Stamp the path so later orphans in this round stop early.
      let dd = d;
      for (let j = j0; ts[j] !== this.time; j = head[parent[j]]) {
        ts[j] = this.time;
        dist[j] = dd--;
      }
    }
    if (best === NONE) return false;
    parent[i] = best;
    ts[i] = this.time;
    dist[i] = bestDist + 1;
    return true;
  }

  /** Distance from j to its terminal along parent arcs, or INF_DIST if the path ends in an orphan. */
  private originDistance(j0: number): number {
    const { head, parent, ts, dist } = this;
    let d = 0;
    for (let j = j0; ; ) {
      if (ts[j] === this.time) return d + dist[j];
      const a = parent[j];
      d++;
      if (a === TERMINAL) {
        ts[j] = this.time;
        dist[j] = 1;
        return d;
      }
      if (a === ORPHAN || a === NONE) return INF_DIST;
      j = head[a];
    }
  }

  private freeOrphan(i: number): void {
    const { head, rCap, parent, isSink } = this;
    const sinkTree = isSink[i];
    for (let a0 = this.first[i]; a0 !== NONE; a0 = this.nextArc[a0]) {
      const j = head[a0];
      const a = parent[j];
      if (isSink[j] !== sinkTree || a === NONE) continue;
      if ((sinkTree ? rCap[a0] : rCap[a0 ^ 1]) > 0) this.active.push(j);
      if (a !== TERMINAL && a !== ORPHAN && head[a] === i) this.makeOrphan(j);
    }
    parent[i] = NONE;
  }
}

/** FIFO ring buffer of node ids; a node is queued at most once at a time. */
class Queue {
  private readonly items: Int32Array;
  private readonly queued: Uint8Array;
  private start = 0;
  size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.queued = new Uint8Array(capacity);
  }

  push(i: number): void {
    if (this.queued[i]) return;
    this.queued[i] = 1;
    this.items[(this.start + this.size) % this.items.length] = i;
    this.size++;
  }

  pop(): number {
    const i = this.items[this.start];
    this.start = (this.start + 1) % this.items.length;
    this.size--;
    this.queued[i] = 0;
    return i;
  }
}
