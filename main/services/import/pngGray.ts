import { inflateSync } from 'node:zlib';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Greyscale PNG (8 or 16 bit, not interlaced) as raw sample values: instance-id masks. sharp converts 16-bit grey
 * to sRGB on raw output, which changes the ids, so the samples are read here. Palette PNGs: eval/pngIndices.ts.
 */
export interface GrayPng {
  readonly width: number;
  readonly height: number;
  readonly values: Uint16Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function decodeGrayPng(bytes: Uint8Array, source: string): GrayPng {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new SamlabelError('ImportError', `${source} is not a PNG`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  if (bytes[25] !== 0 || (depth !== 8 && depth !== 16) || bytes[28] !== 0) {
    throw new SamlabelError('ImportError', `${source}: instance masks must be 8- or 16-bit greyscale, non-interlaced PNGs`);
  }
  const bpp = depth / 8;
  const rows = unfilter(inflateSync(idat(bytes, view)), width * bpp, height, bpp, source);
  const values = new Uint16Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = bpp === 2 ? (rows[2 * i] << 8) | rows[2 * i + 1] : rows[i];
  return { width, height, values };
}

function idat(bytes: Uint8Array, view: DataView): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (type === 'IDAT') parts.push(bytes.subarray(pos + 8, pos + 8 + length));
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  return Buffer.concat(parts);
}

/** Reverses the PNG row filters; `bpp` bytes per sample is the distance the Sub/Paeth predictors look back. */
function unfilter(raw: Uint8Array, rowBytes: number, height: number, bpp: number, source: string): Uint8Array {
  if (raw.length < height * (rowBytes + 1)) throw new SamlabelError('ImportError', `${source}: PNG data is truncated`);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[row + i - bpp] : 0;
      const b = y > 0 ? out[row - rowBytes + i] : 0;
      const c = i >= bpp && y > 0 ? out[row - rowBytes + i - bpp] : 0;
      out[row + i] = (raw[src + i] + predict(filter, a, b, c, source)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, a: number, b: number, c: number, source: string): number {
  if (filter === 0) return 0;
  if (filter === 1) return a;
  if (filter === 2) return b;
  if (filter === 3) return (a + b) >> 1;
  if (filter !== 4) throw new SamlabelError('ImportError', `${source}: bad PNG filter type ${filter}`);
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
