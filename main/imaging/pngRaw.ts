import { constants } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import { SamlabelError } from '../../shared/errors.js';

/**
 * PNG samples exactly as stored, for masks: sharp maps palette indices to colours and turns 16-bit grey into
 * sRGB, both of which destroy label ids. Non-interlaced images only.
 */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlace: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function readPngHeader(bytes: Uint8Array): PngHeader | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: bytes[24], colorType: bytes[25], interlace: bytes[28] };
}

/** Unfiltered rows, each ceil(width × bitDepth × channels / 8) bytes, packed as the file stores them. */
export function decodePngRows(bytes: Uint8Array, header: PngHeader): { rows: Uint8Array; rowBytes: number } {
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) throw new SamlabelError('ImageDecodeError', `bad PNG colour type ${header.colorType}`);
  if (header.interlace !== 0) throw new SamlabelError('ImageUnsupported', 'interlaced PNG masks are not supported');
  const bitsPerPixel = header.bitDepth * channels;
  const rowBytes = Math.ceil((header.width * bitsPerPixel) / 8);
  const raw = inflateBounded(concatIdat(bytes), header.height * (rowBytes + 1));
  return { rows: unfilter(raw, rowBytes, header.height, Math.max(1, bitsPerPixel >> 3)), rowBytes };
}

/** A deflate bomb (a few MB inflating to many GB) stops at the size the header promises. */
function inflateBounded(data: Uint8Array, expected: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: Math.min(Math.max(1, expected), constants.MAX_LENGTH) });
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new SamlabelError('ImageDecodeError', 'PNG image data inflates past its stated size');
    throw new SamlabelError('ImageDecodeError', `PNG image data is corrupt (${err instanceof Error ? err.message : String(err)})`);
  }
}

function concatIdat(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    if (type === 'IDAT') parts.push(bytes.subarray(pos + 8, pos + 8 + length));
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (parts.length === 0) throw new SamlabelError('ImageTruncated', 'PNG has no image data');
  return Buffer.concat(parts);
}

/** Reverses the PNG row filters; `bpp` bytes per pixel is how far the Sub/Average/Paeth predictors look back. */
function unfilter(raw: Uint8Array, rowBytes: number, height: number, bpp: number): Uint8Array {
  if (raw.length < height * (rowBytes + 1)) throw new SamlabelError('ImageTruncated', 'PNG image data is short');
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[row + i - bpp] : 0;
      const b = y > 0 ? out[row - rowBytes + i] : 0;
      const c = i >= bpp && y > 0 ? out[row - rowBytes + i - bpp] : 0;
      out[row + i] = (raw[src + i] + predictor(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predictor(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new SamlabelError('ImageDecodeError', `bad PNG filter type ${filter}`);
  }
}
