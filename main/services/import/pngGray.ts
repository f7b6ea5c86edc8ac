import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { decodePngRows, readPngHeader } from '../../imaging/pngRaw.js';

/**
 * Greyscale PNG (8 or 16 bit, not interlaced) as raw sample values: instance-id masks. sharp converts 16-bit grey
 * to sRGB on raw output, which changes the ids, so the samples are read here. Palette PNGs: eval/pngIndices.ts.
 */
export interface GrayPng {
  readonly width: number;
  readonly height: number;
  readonly values: Uint16Array;
}

export function decodeGrayPng(bytes: Uint8Array, source: string): GrayPng {
  const header = readPngHeader(bytes);
  if (header === null) throw new SamlabelError('ImportError', `${source} is not a PNG`);
  const { width, height, bitDepth } = header;
  if (header.colorType !== 0 || (bitDepth !== 8 && bitDepth !== 16) || header.interlace !== 0) {
    throw new SamlabelError('ImportError', `${source}: instance masks must be 8- or 16-bit greyscale, non-interlaced PNGs`);
  }
  let rows: Uint8Array;
  try {
    rows = decodePngRows(bytes, header).rows;
  } catch (err) {
    if (isSamlabelError(err)) throw new SamlabelError('ImportError', `${source}: ${err.message}`);
    throw err;
  }
  const values = new Uint16Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = bitDepth === 16 ? (rows[2 * i] << 8) | rows[2 * i + 1] : rows[i];
  return { width, height, values };
}
