import { describe, expect, it } from 'vitest';
import { FlowGraph } from '../../../main/inference/builtin/maxflow.js';
import { Rng } from '../../data/evalset/rng.js';

/** Edmonds–Karp on a dense capacity matrix: slow, obviously correct, and independent of the BK code. */
function edmondsKarp(cap: number[][], s: number, t: number): number {
  const n = cap.length;
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[s] = s;
    const queue = [s];
    while (queue.length > 0 && prev[t] < 0) {
      const u = queue.shift() ?? s;
      for (let v = 0; v < n; v++) if (prev[v] < 0 && cap[u][v] > 0) (prev[v] = u), queue.push(v);
    }
    if (prev[t] < 0) return flow;
    let b = Infinity;
    for (let v = t; v !== s; v = prev[v]) b = Math.min(b, cap[prev[v]][v]);
    for (let v = t; v !== s; v = prev[v]) (cap[prev[v]][v] -= b), (cap[v][prev[v]] += b);
    flow += b;
  }
}

describe('FlowGraph (Boykov–Kolmogorov)', () => {
  it('finds the maximum flow and a minimum cut of random graphs', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = rng.int(1, 25);
      const [s, t] = [n, n + 1];
      const cap = Array.from({ length: n + 2 }, () => new Array<number>(n + 2).fill(0));
      const graph = new FlowGraph(n, 3 * n);
      for (let i = 0; i < n; i++) {
        // Integer capacities keep float rounding out of the comparison.
        const [a, b] = [rng.chance(0.5) ? rng.int(0, 10) : 0, rng.chance(0.5) ? rng.int(0, 10) : 0];
        graph.addTerminal(i, a, b);
        cap[s][i] += a;
        cap[i][t] += b;
      }
      for (let e = 0; e < 3 * n; e++) {
        const [i, j] = [rng.int(0, n), rng.int(0, n)];
        if (i === j) continue;
        const [c1, c2] = [rng.int(0, 8), rng.int(0, 8)];
        graph.addEdge(i, j, c1, c2);
        cap[i][j] += c1;
        cap[j][i] += c2;
      }
      const expected = edmondsKarp(cap.map((row) => [...row]), s, t);
      // BK nets out a node's source and sink capacities; that common part is flow it does not report.
      let netted = 0;
      for (let i = 0; i < n; i++) netted += Math.min(cap[s][i], cap[i][t]);
      expect(graph.maxflow() + netted).toBe(expected);
      const side = (v: number) => (v === s ? true : v === t ? false : graph.inSource(v));
      let cut = 0;
      for (let u = 0; u < n + 2; u++) for (let v = 0; v < n + 2; v++) if (side(u) && !side(v)) cut += cap[u][v];
      expect(cut).toBe(expected);
    }
  });

  it('can be reset and reused for another cut', () => {
    const graph = new FlowGraph(2, 1);
    graph.addTerminal(0, 5, 0);
    graph.addTerminal(1, 0, 5);
    graph.addEdge(0, 1, 3, 0);
    expect(graph.maxflow()).toBe(3);
    expect([graph.inSource(0), graph.inSource(1)]).toEqual([true, false]);
    graph.reset();
    graph.addTerminal(0, 0, 5);
    graph.addTerminal(1, 5, 0);
    graph.addEdge(1, 0, 2, 0);
    expect(graph.maxflow()).toBe(2);
    expect([graph.inSource(0), graph.inSource(1)]).toEqual([false, true]);
  });
});
