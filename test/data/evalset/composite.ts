import { labToRgb, rgbToLab } from '../../../main/inference/builtin/lab.js';
import { squaredDistanceToBoundary } from '../../../main/inference/builtin/distance.js';
import { gaussianBlur, sample, toUint8, type FloatRgb } from './raster.js';
import type { Rng } from './rng.js';
import { rasterize, randomShape, type Shape } from './shapes.js';

/** Knobs of one composite, drawn per image; each makes a colour flood's life harder in a different way. */
export interface Difficulty {
  /** 0 = texture keeps its colours, 1 = texture recoloured to the background's Lab mean and spread. */
  readonly colourMatch: number;
  readonly edgeBlur: number;
  readonly backgroundBlur: number;
  readonly shadow: number;
  readonly noise: number;
  readonly distractor: boolean;
}

export interface Composite {
  readonly image: Uint8Array;
  readonly mask: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly kind: string;
}

export function randomDifficulty(rng: Rng): Difficulty {
  return {
    colourMatch: rng.uniform(0.35, 0.9),
    edgeBlur: rng.uniform(0.4, 2.2),
    backgroundBlur: rng.chance(0.4) ? rng.uniform(0.8, 2.5) : 0,
    shadow: rng.chance(0.7) ? rng.uniform(0.25, 0.6) : 0,
    noise: rng.uniform(1, 5),
    distractor: rng.chance(0.35),
  };
}

/** Pastes a textured, shaded silhouette (and maybe a look-alike distractor) onto `background`; mask = the target. */
export function composite(background: FloatRgb, texture: FloatRgb, rng: Rng, d: Difficulty): Composite {
  const { width, height } = background;
  const canvas = new Float32Array(background.data);
  gaussianBlur(canvas, width, height, 3, d.backgroundBlur);
  const radius = rng.uniform(0.12, 0.28) * Math.min(width, height);
  const cx = rng.uniform(radius, width - radius);
  const cy = rng.uniform(radius, height - radius);
  const target = randomShape(rng, cx, cy, radius);
  const bbox: [number, number, number, number] = [cx - 2 * radius, cy - 2 * radius, cx + 2 * radius, cy + 2 * radius];
  const coverage = rasterize(target.shape, width, height, bbox);
  const skin = makeSkin(texture, canvas, width, height, coverage, rng, d.colourMatch);
  if (d.distractor) pasteDistractor(canvas, width, height, skin, rng, cx, cy, radius, d);
  castShadow(canvas, width, height, coverage, rng, radius, d.shadow);
  paste(canvas, skin, coverage, width, height, d.edgeBlur);
  for (let i = 0; i < canvas.length; i++) canvas[i] += d.noise * rng.gaussian();
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = coverage[i] >= 0.5 ? 255 : 0;
  return { image: toUint8(canvas), mask, width, height, kind: target.kind };
}

/**
 * Object surface: a scaled, rotated patch of a real photo, recoloured towards the surrounding background in Lab,
 * with a lighting ramp and darkening near the outline so it reads as a solid object, not a flat sticker.
 */
function makeSkin(tex: FloatRgb, bg: Float32Array, width: number, height: number, coverage: Float32Array, rng: Rng, match: number): Float32Array {
  const scale = rng.uniform(0.5, 1.4);
  const angle = rng.uniform(0, 2 * Math.PI);
  const [ox, oy] = [rng.uniform(0, tex.width), rng.uniform(0, tex.height)];
  const [cos, sin] = [Math.cos(angle) * scale, Math.sin(angle) * scale];
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = Math.abs(ox + cos * x - sin * y) % (2 * tex.width);
      const v = Math.abs(oy + sin * x + cos * y) % (2 * tex.height);
      // Mirror-tile so the patch never shows a seam.
      const su = u < tex.width ? u : 2 * tex.width - u;
      const sv = v < tex.height ? v : 2 * tex.height - v;
      for (let c = 0; c < 3; c++) rgb[(y * width + x) * 3 + c] = sample(tex, su, sv, c);
    }
  }
  const lab = rgbToLab(toUint8(rgb), width * height);
  recolour(lab, bg, coverage, width * height, match, rng);
  shade(lab, coverage, width, height, rng);
  return Float32Array.from(labToRgb(lab, width * height));
}

/** Moves the object's Lab mean and spread a fraction `match` of the way to the background's near the object. */
function recolour(lab: Float32Array, bg: Float32Array, coverage: Float32Array, n: number, match: number, rng: Rng): void {
  const bgLab = rgbToLab(toUint8(bg), n);
  const near = new Uint8Array(n);
  for (let i = 0; i < n; i++) near[i] = coverage[i] > 0 ? 1 : 0;
  const objStats = labStats(lab, near, n);
  const bgStats = labStats(bgLab, Uint8Array.from(near, (v) => 1 - v), n);
  for (let c = 0; c < 3; c++) {
    const mean = objStats.mean[c] + match * (bgStats.mean[c] - objStats.mean[c]) + rng.uniform(-6, 6);
    const spread = objStats.std[c] + match * (bgStats.std[c] - objStats.std[c]);
    // Capped: a flat texture (sky) stretched to a busy background's spread would turn into noise.
    const gain = Math.min(3, spread / Math.max(1e-3, objStats.std[c]));
    for (let i = 0; i < n; i++) lab[3 * i + c] = mean + (lab[3 * i + c] - objStats.mean[c]) * gain;
  }
}

function labStats(lab: Float32Array, select: Uint8Array, n: number): { mean: number[]; std: number[] } {
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!select[i]) continue;
    count++;
    for (let c = 0; c < 3; c++) {
      sum[c] += lab[3 * i + c];
      sq[c] += lab[3 * i + c] ** 2;
    }
  }
  const mean = sum.map((s) => s / Math.max(1, count));
  return { mean, std: sq.map((s, c) => Math.sqrt(Math.max(0, s / Math.max(1, count) - mean[c] ** 2))) };
}

/** Light from one side (a lightness ramp) and ambient occlusion near the outline. */
function shade(lab: Float32Array, coverage: Float32Array, width: number, height: number, rng: Rng): void {
  const inside = Uint8Array.from(coverage, (v) => (v >= 0.5 ? 1 : 0));
  const depth = squaredDistanceToBoundary(inside, width, height, true);
  const [gx, gy] = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
  const ramp = rng.uniform(0.0, 0.25) / Math.max(width, height);
  const occlusion = rng.uniform(0.1, 0.35);
  const falloff = rng.uniform(4, 14);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const light = 1 + ramp * (gx * (x - width / 2) + gy * (y - height / 2));
      const ao = 1 - occlusion * Math.exp(-Math.sqrt(depth[i]) / falloff);
      lab[3 * i] *= light * ao;
    }
  }
}

function castShadow(canvas: Float32Array, width: number, height: number, coverage: Float32Array, rng: Rng, radius: number, strength: number): void {
  if (strength === 0) return;
  const [dx, dy] = [Math.round(rng.uniform(-0.25, 0.25) * radius), Math.round(rng.uniform(0.05, 0.3) * radius)];
  const shadow = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sy >= 0 && sx < width && sy < height) shadow[y * width + x] = coverage[sy * width + sx];
    }
  }
  gaussianBlur(shadow, width, height, 1, radius * rng.uniform(0.04, 0.15));
  for (let i = 0; i < shadow.length; i++) for (let c = 0; c < 3; c++) canvas[3 * i + c] *= 1 - strength * shadow[i];
}

/** Alpha-composites `skin` through `coverage` softened by a defocus blur of the edge. */
function paste(canvas: Float32Array, skin: Float32Array, coverage: Float32Array, width: number, height: number, edgeBlur: number): void {
  const alpha = new Float32Array(coverage);
  gaussianBlur(alpha, width, height, 1, edgeBlur);
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i];
    if (a <= 0) continue;
    for (let c = 0; c < 3; c++) canvas[3 * i + c] = a * skin[3 * i + c] + (1 - a) * canvas[3 * i + c];
  }
}

/** A second silhouette with the same skin beside the target: the "other parrot" a region grower bleeds into. */
function pasteDistractor(canvas: Float32Array, width: number, height: number, skin: Float32Array, rng: Rng, cx: number, cy: number, radius: number, d: Difficulty): void {
  const a = rng.uniform(0, 2 * Math.PI);
  const dist = radius * rng.uniform(1.5, 2.3);
  const [x, y] = [cx + dist * Math.cos(a), cy + dist * Math.sin(a)];
  const other: Shape = randomShape(rng, x, y, radius * rng.uniform(0.6, 1)).shape;
  const coverage = rasterize(other, width, height, [x - 2 * radius, y - 2 * radius, x + 2 * radius, y + 2 * radius]);
  castShadow(canvas, width, height, coverage, rng, radius, d.shadow);
  // The skin is sampled in image coordinates, so the distractor shows a different part of the same texture.
  paste(canvas, skin, coverage, width, height, d.edgeBlur);
}
