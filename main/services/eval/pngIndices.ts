import { SamlabelError } from '../../../shared/errors.js';
import { DEFAULT_PIXEL_LIMIT, assertWithinPixelLimit } from '../../imaging/pixelLimit.js';
import { decodePngRows, readPngHeader, type PngHeader } from '../../imaging/pngRaw.js';

/** Palette (indexed-colour) PNG as its raw indices: decoders like sharp map indices to colours, losing them. */
export interface PngIndices {
  readonly width: number;
  readonly height: number;
  readonly indices: Uint8Array;
}

const COLOR_TYPE_PALETTE = 3;

/** True when `bytes` is a PNG whose colour type is indexed (IHDR colour type 3). */
export function isPalettePng(bytes: Uint8Array): boolean {
  return readPngHeader(bytes)?.colorType === COLOR_TYPE_PALETTE;
}

/**
 * Decodes the indices of a non-interlaced palette PNG (bit depth 1, 2, 4 or 8). The header's size is
 * checked against the image reader's pixel limit before anything is inflated or allocated.
 */
export function decodePaletteIndices(bytes: Uint8Array, source = 'the mask'): PngIndices {
  const header = readPngHeader(bytes);
  if (header === null || header.colorType !== COLOR_TYPE_PALETTE) throw new SamlabelError('ImageUnsupported', 'not a palette PNG');
  assertWithinPixelLimit(header.width, header.height, DEFAULT_PIXEL_LIMIT, source);
  const { rows, rowBytes } = decodePngRows(bytes, header);
  return { width: header.width, height: header.height, indices: unpack(rows, rowBytes, header) };
}

function unpack(rows: Uint8Array, rowBytes: number, header: PngHeader): Uint8Array {
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
