import type { Rng } from './rng.js';

/** An object silhouette as an inside test in image pixels (continuous coordinates). */
export type Shape = (x: number, y: number) => boolean;

export interface ShapeSpec {
  readonly shape: Shape;
  readonly kind: string;
}

/** Star-shaped blob: radius r(θ) = R (1 + Σ a_k cos(kθ + φ_k)), a lumpy organic outline. */
export function blob(rng: Rng, cx: number, cy: number, radius: number, roughness: number): Shape {
  const terms: { k: number; a: number; phase: number }[] = [];
  for (let k = 2; k <= 7; k++) terms.push({ k, a: (rng.uniform(-1, 1) * roughness) / k, phase: rng.uniform(0, 2 * Math.PI) });
  const stretch = rng.uniform(0.6, 1.4);
  const angle = rng.uniform(0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = (dx * cos + dy * sin) / stretch;
    const v = (-dx * sin + dy * cos) * stretch;
    const theta = Math.atan2(v, u);
    let r = 1;
    for (const t of terms) r += t.a * Math.cos(t.k * theta + t.phase);
    return u * u + v * v <= radius * radius * r * r;
  };
}

/** Thick line segment with round caps: legs, handles, antennae (thin parts are hard for region methods). */
export function capsule(x0: number, y0: number, x1: number, y1: number, halfWidth: number): Shape {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy || 1;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
    const px = x0 + t * dx - x;
    const py = y0 + t * dy - y;
    return px * px + py * py <= halfWidth * halfWidth;
  };
}

/** Simple polygon by even-odd rule: man-made objects with straight edges and corners. */
export function polygon(points: readonly (readonly [number, number])[]): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** Random polygon around a centre with sorted angles (may be concave). */
export function randomPolygon(rng: Rng, cx: number, cy: number, radius: number): Shape {
  const n = rng.int(4, 9);
  const angles = Array.from({ length: n }, () => rng.uniform(0, 2 * Math.PI)).sort((a, b) => a - b);
  return polygon(angles.map((a) => {
    const r = radius * rng.uniform(0.55, 1.1);
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
  }));
}

export const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
export const subtract = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** One random silhouette of a random kind, centred at (cx, cy) with nominal radius R. */
export function randomShape(rng: Rng, cx: number, cy: number, radius: number): ShapeSpec {
  const kind = rng.pick(['blob', 'limbs', 'polygon', 'holes', 'lobes'] as const);
  const body = kind === 'polygon' ? randomPolygon(rng, cx, cy, radius) : blob(rng, cx, cy, radius, rng.uniform(0.3, 1.2));
  if (kind === 'limbs') {
    const limbs = Array.from({ length: rng.int(2, 5) }, () => {
      const a = rng.uniform(0, 2 * Math.PI);
      const len = radius * rng.uniform(1.2, 1.9);
      return capsule(cx, cy, cx + len * Math.cos(a), cy + len * Math.sin(a), radius * rng.uniform(0.06, 0.16));
    });
    return { kind, shape: union(body, ...limbs) };
  }
  if (kind === 'holes') {
    const holes = Array.from({ length: rng.int(1, 4) }, () => {
      const a = rng.uniform(0, 2 * Math.PI);
      const d = radius * rng.uniform(0, 0.5);
      return blob(rng, cx + d * Math.cos(a), cy + d * Math.sin(a), radius * rng.uniform(0.12, 0.3), 0.4);
    });
    return { kind, shape: subtract(body, union(...holes)) };
  }
  if (kind === 'lobes') {
    const a = rng.uniform(0, 2 * Math.PI);
    const d = radius * rng.uniform(0.7, 1.1);
    return { kind, shape: union(body, blob(rng, cx + d * Math.cos(a), cy + d * Math.sin(a), radius * rng.uniform(0.4, 0.7), 0.5)) };
  }
  return { kind, shape: body };
}

/** Anti-aliased coverage (0..1) of a shape on a width × height grid, 4×4 supersampled inside `bbox`. */
export function rasterize(shape: Shape, width: number, height: number, bbox: [number, number, number, number]): Float32Array {
  const out = new Float32Array(width * height);
  const [x0, y0, x1, y1] = bbox.map(Math.round);
  for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      out[y * width + x] = hits / 16;
    }
  }
  return out;
}
