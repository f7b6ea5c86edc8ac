import sharp from 'sharp';

/** An RGB image as floats 0..255, interleaved, row-major: compositing needs headroom beyond 8 bits. */
export interface FloatRgb {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Loads a photo, optionally cropped ([x, y, w, h] in source pixels), resized so the longest side is `longestSide`. */
export async function loadPhoto(path: string, longestSide: number, crop?: [number, number, number, number]): Promise<FloatRgb> {
  let pipeline = sharp(path).rotate().removeAlpha();
  if (crop) pipeline = pipeline.extract({ left: crop[0], top: crop[1], width: crop[2], height: crop[3] });
  const { data, info } = await pipeline
    .resize({ width: longestSide, height: longestSide, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: Float32Array.from(data) };
}

/** Bilinear sample of channel c at continuous (x, y), clamped at the edges. */
export function sample(img: FloatRgb, x: number, y: number, c: number): number {
  const cx = Math.max(0, Math.min(img.width - 1.001, x));
  const cy = Math.max(0, Math.min(img.height - 1.001, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const fx = cx - x0;
  const fy = cy - y0;
  const i = (y0 * img.width + x0) * 3 + c;
  const w3 = img.width * 3;
  const top = img.data[i] * (1 - fx) + img.data[i + 3] * fx;
  const bottom = img.data[i + w3] * (1 - fx) + img.data[i + w3 + 3] * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Separable Gaussian blur of a `channels`-interleaved float plane, in place. */
export function gaussianBlur(data: Float32Array, width: number, height: number, channels: number, sigma: number): void {
  if (sigma < 0.2) return;
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp((-i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  const tmp = new Float32Array(data.length);
  pass(data, tmp, width, height, channels, kernel, 1, width);
  pass(tmp, data, height, width, channels, kernel, width, 1);
}

/** One 1-D pass along lines of length `n`, `step` pixels apart; lines start `lineStep` pixels apart. */
function pass(src: Float32Array, dst: Float32Array, n: number, lines: number, ch: number, k: Float32Array, step: number, lineStep: number): void {
  const r = (k.length - 1) / 2;
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < ch; c++) {
        let acc = 0;
        for (let j = -r; j <= r; j++) {
          const t = Math.max(0, Math.min(n - 1, i + j));
          acc += k[j + r] * src[(base + t * step) * ch + c];
        }
        dst[(base + i * step) * ch + c] = acc;
      }
    }
  }
}

export function toUint8(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(data[i])));
  return out;
}
