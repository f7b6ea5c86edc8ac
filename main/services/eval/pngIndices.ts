import { inflateSync } from 'node:zlib';
import { SamlabelError } from '../../../shared/errors.js';

/** Palette (indexed-colour) PNG as its raw indices: decoders like sharp map indices to colours, losing them. */
export interface PngIndices {
  readonly width: number;
  readonly height: number;
  readonly indices: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE_PALETTE = 3;

interface Header {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** True when `bytes` is a PNG whose colour type is indexed (IHDR colour type 3). */
export function isPalettePng(bytes: Uint8Array): boolean {
  const header = readHeader(bytes);
  return header !== null && header.colorType === COLOR_TYPE_PALETTE;
}

/** Decodes the indices of a non-interlaced palette PNG (bit depth 1, 2, 4 or 8). */
export function decodePaletteIndices(bytes: Uint8Array): PngIndices {
  const header = readHeader(bytes);
  if (header === null || header.colorType !== COLOR_TYPE_PALETTE) throw new SamlabelError('ImageUnsupported', 'not a palette PNG');
  if (header.interlace !== 0) throw new SamlabelError('ImageUnsupported', 'interlaced palette PNG masks are not supported');
  const raw = inflateSync(concatIdat(bytes));
  const rowBytes = Math.ceil((header.width * header.bitDepth) / 8);
  const rows = unfilter(raw, rowBytes, header.height);
  return { width: header.width, height: header.height, indices: unpack(rows, rowBytes, header) };
}

function readHeader(bytes: Uint8Array): Header | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24],
    colorType: bytes[25],
    interlace: bytes[28],
  };
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

/** Reverses PNG row filters; one byte per "pixel" for the filter step (bit depths <= 8). */
function unfilter(raw: Uint8Array, rowBytes: number, height: number): Uint8Array {
  if (raw.length < height * (rowBytes + 1)) throw new SamlabelError('ImageTruncated', 'PNG image data is short');
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i > 0 ? out[row + i - 1] : 0;
      const b = y > 0 ? out[row - rowBytes + i] : 0;
      const c = i > 0 && y > 0 ? out[row - rowBytes + i - 1] : 0;
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

function unpack(rows: Uint8Array, rowBytes: number, header: Header): Uint8Array {
  const { width, height, bitDepth } = header;
  if (bitDepth === 8) return rows;
  const out = new Uint8Array(width * height);
  const perByte = 8 / bitDepth;
  const maskBits = (1 << bitDepth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = rows[y * rowBytes + Math.floor(x / perByte)];
      const shift = 8 - bitDepth * ((x % perByte) + 1);
      out[y * width + x] = (byte >> shift) & maskBits;
    }
  }
  return out;
}
