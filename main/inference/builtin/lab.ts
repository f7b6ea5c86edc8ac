/**
 * sRGB (D65) ↔ CIELab. The model compares colours in Lab because Euclidean distance there roughly follows
 * perceived difference, which is what an object boundary looks like to a person clicking.
 */

const LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const XN = 0.95047;
const ZN = 1.08883;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** Converts `count` interleaved RGB8 pixels to interleaved Lab (L 0..100, a/b about -128..127). */
export function rgbToLab(rgb: Uint8Array, count: number, out: Float32Array = new Float32Array(count * 3)): Float32Array {
  for (let i = 0; i < count; i++) {
    const r = LINEAR[rgb[3 * i]];
    const g = LINEAR[rgb[3 * i + 1]];
    const b = LINEAR[rgb[3 * i + 2]];
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN);
    const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN);
    out[3 * i] = 116 * fy - 16;
    out[3 * i + 1] = 500 * (fx - fy);
    out[3 * i + 2] = 200 * (fy - fz);
  }
  return out;
}

function finv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
}

function toSrgb8(c: number): number {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(v * 255)));
}

/** Inverse of rgbToLab, clamped to the RGB8 gamut (used by test-data generation). */
export function labToRgb(lab: Float32Array, count: number, out: Uint8Array = new Uint8Array(count * 3)): Uint8Array {
  for (let i = 0; i < count; i++) {
    const fy = (lab[3 * i] + 16) / 116;
    const x = XN * finv(fy + lab[3 * i + 1] / 500);
    const y = finv(fy);
    const z = ZN * finv(fy - lab[3 * i + 2] / 200);
    out[3 * i] = toSrgb8(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
    out[3 * i + 1] = toSrgb8(-0.969266 * x + 1.8760108 * y + 0.041556 * z);
    out[3 * i + 2] = toSrgb8(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
  }
  return out;
}
