import type { RgbImage } from '../../../main/inference/backend.js';

/** A disc in model-frame pixels. */
export interface Disc {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly rgb: readonly [number, number, number];
}

/**
 * An image already in the model frame (longest side 1024): mottled grey-green background with deterministic
 * noise, and flat-coloured discs on top. Drawing at the model frame keeps the ground truth exact.
 */
export function discImage(width: number, height: number, discs: readonly Disc[]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296 - 0.5) * 24;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      const shade = 20 * Math.sin(x / 37) * Math.cos(y / 29);
      const disc = discs.find((d) => (x + 0.5 - d.x) ** 2 + (y + 0.5 - d.y) ** 2 <= d.r * d.r);
      const base = disc ? disc.rgb : [110 + shade, 130 + shade, 100 + shade];
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round(base[c] + noise())));
    }
  }
  return { width, height, data };
}

/** Row-major 0/1 mask of a disc on a width × height grid whose pixels are `scale` model pixels wide. */
export function discMask(width: number, height: number, d: Disc, scale: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = ((x + 0.5) * scale - d.x) ** 2 + ((y + 0.5) * scale - d.y) ** 2 <= d.r * d.r ? 1 : 0;
  }
  return out;
}

export function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union === 0 ? 1 : inter / union;
}
