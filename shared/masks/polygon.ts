import { rleToBbox, toUncompressed, type Rle } from './rle.js';
import type { BinaryMask } from './types.js';

/**
 * Mask → polygons by edge-following on pixel corners (crack following).
 *
 * Coordinates are pixel corners: pixel (x, y) covers [x, x+1] × [y, y+1], which is the convention under which
 * pycocotools' rasteriser (see polygonRaster.ts) fills exactly the pixels inside, so traced polygons rasterise back
 * to the same mask. Foreground is 4-connected (diagonal-only neighbours are separate parts), background 8-connected.
 */

/** A closed ring, flat [x0, y0, x1, y1, ...]; the closing edge back to the first vertex is implicit. */
export type Ring = number[];

export interface PolygonPart {
  /** Outer boundary, clockwise on screen (y down). */
  readonly outer: Ring;
  /** Boundaries of the holes inside this part, counter-clockwise on screen. */
  readonly holes: Ring[];
  /**
   * Outer and holes joined by zero-width vertical bridges into a single ring (equal to `outer` without holes): for
   * formats with one ring per instance part (YOLO, labelme). Even-odd fill, pycocotools' included, keeps the holes.
   */
  readonly ring: Ring;
}

// Directions: 0 east (+x), 1 south (+y), 2 west, 3 north. Walking an edge keeps foreground on the right.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];
// Pixel on the right / left of an edge leaving vertex (x, y) in direction d, as offsets from the vertex.
const RX = [0, -1, -1, 0];
const RY = [0, 0, -1, -1];
const LX = [0, 0, -1, -1];
const LY = [-1, 0, 0, -1];

/** A traced boundary in unit steps, crop-local vertex coordinates. */
interface Loop {
  readonly verts: Int32Array;
  readonly isHole: boolean;
  /** edge index → hole loop bridged in at the middle of that edge. */
  readonly bridges: Map<number, number>;
}

class Tracer {
  readonly loops: Loop[] = [];
  /** Per horizontal crack (between pixel rows y-1 and y, column x): loop id and edge index, -1 when not traced. */
  private readonly hLoop: Int32Array;
  private readonly hEdge: Int32Array;
  private readonly stride: number;

  /** `padded`: the w×h window with a one-pixel background border, so reads need no bounds checks. */
  constructor(
    private readonly padded: Uint8Array,
    private readonly w: number,
    private readonly h: number,
  ) {
    this.stride = w + 2;
    this.hLoop = new Int32Array((h + 1) * w).fill(-1);
    this.hEdge = new Int32Array((h + 1) * w);
  }

  fg(x: number, y: number): boolean {
    return this.padded[(y + 1) * this.stride + x + 1] !== 0;
  }

  isBoundary(x: number, y: number, d: number): boolean {
    return this.fg(x + RX[d], y + RY[d]) && !this.fg(x + LX[d], y + LY[d]);
  }

  /** Scans horizontal cracks row by row: a loop's first crack in this order is its top-left one. */
  traceAll(): void {
    for (let y = 0; y <= this.h; y++) {
      for (let x = 0; x < this.w; x++) {
        if (this.hLoop[y * this.w + x] !== -1) continue;
        const above = this.fg(x, y - 1);
        if (above === this.fg(x, y)) continue;
        // A hole's first crack has foreground above; it is walked westward, so start at its east end.
        const id = above ? this.trace(x + 1, y, 2, true) : this.trace(x, y, 0, false);
        if (above) this.bridgeHole(id, x, y);
      }
    }
  }

  private trace(sx: number, sy: number, d0: number, isHole: boolean): number {
    const id = this.loops.length;
    const verts: number[] = [];
    let x = sx;
    let y = sy;
    let d = d0;
    do {
      this.markEdge(x, y, d, id, verts.length / 2);
      verts.push(x, y);
      x += DX[d];
      y += DY[d];
      d = this.nextDir(x, y, d);
    } while (x !== sx || y !== sy || d !== d0);
    this.loops.push({ verts: Int32Array.from(verts), isHole, bridges: new Map() });
    return id;
  }

  /** Right turn first: at a diagonal pinch the walk hugs the pixel on its right, so diagonal pixels stay apart. */
  private nextDir(x: number, y: number, d: number): number {
    const right = (d + 1) & 3;
    if (this.isBoundary(x, y, right)) return right;
    if (this.isBoundary(x, y, d)) return d;
    return (d + 3) & 3;
  }

  /** Horizontal cracks only: the scan starts loops from them, and bridges land on them. */
  private markEdge(x: number, y: number, d: number, loop: number, edge: number): void {
    if (d === 1 || d === 3) return;
    const i = y * this.w + (d === 0 ? x : x - 1);
    this.hLoop[i] = loop;
    this.hEdge[i] = edge;
  }

  /**
   * Links a hole to the boundary straight above its top-left crack: walking up column x through foreground, the
   * first crack with background above belongs to the enclosing part's outer ring or to a hole traced earlier.
   */
  private bridgeHole(hole: number, x: number, y: number): void {
    let top = y - 1;
    while (top >= 0 && this.fg(x, top)) top--;
    const crack = (top + 1) * this.w + x;
    this.loops[this.hLoop[crack]].bridges.set(this.hEdge[crack], hole);
  }
}

export interface MaskToPolygonsOptions {
  /** Douglas–Peucker tolerance in pixels; 0 (the default) keeps every corner, so rasterising gives the mask back. */
  readonly epsilon?: number;
}

/** Outer boundaries, holes and bridged single rings of every 4-connected part of `mask`, in scan order. */
export function maskToPolygons(mask: BinaryMask, options: MaskToPolygonsOptions = {}): PolygonPart[] {
  const box = foregroundBox(mask);
  return box === null ? [] : tracePolygons(paddedFromMask(mask, box), box, options);
}

/**
 * Same as maskToPolygons(decodeRle(rle)), decoding only the bounding box: exports trace thousands of masks, and
 * a full-image decode plus scan per mask costs more than the tracing itself.
 */
export function rleToPolygons(rle: Rle, options: MaskToPolygonsOptions = {}): PolygonPart[] {
  const [x, y, w, h] = rleToBbox(rle);
  if (w === 0 || h === 0) return [];
  return tracePolygons(paddedFromRle(rle, { x, y, w, h }), { x, y, w, h }, options);
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Traces a padded window (see Tracer) whose place in the image is `at`. */
function tracePolygons(padded: Uint8Array, at: Box, options: MaskToPolygonsOptions): PolygonPart[] {
  const tracer = new Tracer(padded, at.w, at.h);
  tracer.traceAll();
  const loops = tracer.loops;
  const eps = options.epsilon ?? 0;
  const finish = (ring: Ring): Ring => simplifyRing(removeCollinear(ring), eps);
  const parts: PolygonPart[] = [];
  const partOf = new Int32Array(loops.length);
  // Loop ids follow scan order, so a hole's bridge target (above it) always has a smaller id and a known part.
  for (let id = 0; id < loops.length; id++) {
    const loop = loops[id];
    const ring = finish(offsetRing(loop.verts, at.x, at.y));
    if (loop.isHole) {
      parts[partOf[id]].holes.push(ring);
    } else {
      partOf[id] = parts.length;
      parts.push({ outer: ring, holes: [], ring: finish(bridgedRing(loops, id, at.x, at.y)) });
    }
    for (const hole of loop.bridges.values()) partOf[hole] = partOf[id];
  }
  return parts;
}

function paddedFromMask(mask: BinaryMask, box: Box): Uint8Array {
  const stride = box.w + 2;
  const out = new Uint8Array(stride * (box.h + 2));
  for (let y = 0; y < box.h; y++) {
    const row = (y + box.y) * mask.width + box.x;
    out.set(mask.data.subarray(row, row + box.w), (y + 1) * stride + 1);
  }
  return out;
}

/** The `box` window of an RLE mask, padded, painted run by run (only foreground runs cost anything). */
function paddedFromRle(rle: Rle, box: Box): Uint8Array {
  const { size, counts } = toUncompressed(rle);
  const height = size[0];
  const stride = box.w + 2;
  const out = new Uint8Array(stride * (box.h + 2));
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const end = pos + counts[j];
    for (let p = pos; j % 2 === 1 && p < end; ) {
      const x = Math.floor(p / height);
      const yStart = p - x * height;
      const yEnd = Math.min(height, yStart + (end - p));
      const col = x - box.x + 1;
      for (let y = yStart; y < yEnd; y++) out[(y - box.y + 1) * stride + col] = 1;
      p += yEnd - yStart;
    }
    pos = end;
  }
  return out;
}

function foregroundBox(mask: BinaryMask): Box | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function offsetRing(verts: Int32Array, ox: number, oy: number): Ring {
  const out = new Array<number>(verts.length);
  for (let i = 0; i < verts.length; i += 2) {
    out[i] = verts[i] + ox;
    out[i + 1] = verts[i + 1] + oy;
  }
  return out;
}

interface Frame {
  readonly loop: number;
  next: number;
}

/**
 * The outer loop with every hole spliced in at the middle of its bridge crack: … A, M, (down to) M', hole from M'
 * round to M', (up to) M, B … The bridge is vertical, so pycocotools' rasteriser sees no column crossing on it, and
 * its two traversals cancel under even-odd fill. An explicit stack: holes chain through holes (noise masks).
 */
function bridgedRing(loops: Loop[], outer: number, ox: number, oy: number): Ring {
  const out: Ring = [];
  const push = (x: number, y: number): void => void out.push(x + ox, y + oy);
  const mid = (loop: number, e: number): void => {
    const v = loops[loop].verts;
    const n = v.length;
    push((v[2 * e] + v[(2 * e + 2) % n]) / 2, (v[2 * e + 1] + v[(2 * e + 3) % n]) / 2);
  };
  const stack: Frame[] = [{ loop: outer, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const { verts, bridges, isHole } = loops[top.loop];
    if (top.next < verts.length / 2) {
      const e = top.next++;
      push(verts[2 * e], verts[2 * e + 1]);
      const hole = bridges.get(e);
      if (hole === undefined) continue;
      mid(top.loop, e);
      mid(hole, 0);
      stack.push({ loop: hole, next: 1 });
      continue;
    }
    stack.pop();
    if (!isHole) continue;
    // A hole is entered at the middle of its first edge, so it ends with that edge's first half, then bridges back.
    push(verts[0], verts[1]);
    mid(top.loop, 0);
    const parent = stack[stack.length - 1];
    mid(parent.loop, parent.next - 1);
  }
  return out;
}

/** Drops vertices in the middle of a straight run (unit steps along one edge); reversals are kept. */
export function removeCollinear(ring: Ring): Ring {
  const n = ring.length / 2;
  if (n < 3) return ring.slice();
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const p = ((i + n - 1) % n) * 2;
    const q = ((i + 1) % n) * 2;
    const ax = ring[2 * i] - ring[p];
    const ay = ring[2 * i + 1] - ring[p + 1];
    const bx = ring[q] - ring[2 * i];
    const by = ring[q + 1] - ring[2 * i + 1];
    const straight = ax * by - ay * bx === 0 && ax * bx + ay * by > 0;
    if (!straight) out.push(ring[2 * i], ring[2 * i + 1]);
  }
  return out;
}

/**
 * Optional Douglas–Peucker. Bridge ends (the only half-integer x) are pinned so bridges stay vertical; a ring
 * without pins is anchored at its first vertex and the vertex farthest from it.
 */
export function simplifyRing(ring: Ring, epsilon: number): Ring {
  const n = ring.length / 2;
  if (epsilon <= 0 || n <= 4) return ring;
  const keep = new Uint8Array(n);
  const pins: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isInteger(ring[2 * i])) pins.push(i);
  if (pins.length === 0) pins.push(0, farthestFrom(ring, 0));
  for (const p of pins) keep[p] = 1;
  for (let k = 0; k < pins.length; k++) {
    const a = pins[k];
    const b = k + 1 < pins.length ? pins[k + 1] : pins[0] + n;
    douglasPeucker(ring, a, b, epsilon * epsilon, keep);
  }
  const out: Ring = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[2 * i], ring[2 * i + 1]);
  return out.length >= 6 ? out : ring;
}

function farthestFrom(ring: Ring, i: number): number {
  let best = i;
  let bestD = -1;
  for (let j = 0; j < ring.length / 2; j++) {
    const d = (ring[2 * j] - ring[2 * i]) ** 2 + (ring[2 * j + 1] - ring[2 * i + 1]) ** 2;
    if (d > bestD) [best, bestD] = [j, d];
  }
  return best;
}

/** Marks kept vertices strictly between a and b (indices may wrap past n); iterative to survive long rings. */
function douglasPeucker(ring: Ring, a: number, b: number, eps2: number, keep: Uint8Array): void {
  const n = ring.length / 2;
  const stack: Array<[number, number]> = [[a, b]];
  while (stack.length > 0) {
    const [s, e] = stack.pop() as [number, number];
    const sx = ring[2 * (s % n)];
    const sy = ring[2 * (s % n) + 1];
    const ex = ring[2 * (e % n)] - sx;
    const ey = ring[2 * (e % n) + 1] - sy;
    const len2 = ex * ex + ey * ey;
    let worst = -1;
    let worstD = eps2;
    for (let i = s + 1; i < e; i++) {
      const px = ring[2 * (i % n)] - sx;
      const py = ring[2 * (i % n) + 1] - sy;
      const cross = px * ey - py * ex;
      const d = len2 > 0 ? (cross * cross) / len2 : px * px + py * py;
      if (d > worstD) [worst, worstD] = [i, d];
    }
    if (worst < 0) continue;
    keep[worst % n] = 1;
    stack.push([s, worst], [worst, e]);
  }
}
