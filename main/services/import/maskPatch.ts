import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import { decodePngRows, readPngHeader } from '../../imaging/pngRaw.js';

/**
 * A one-channel PNG (greyscale of any depth, or palette indices) as a binary mask, non-zero samples inside: how
 * labelme reads a `mask` shape (PIL → numpy → astype(bool)). Multi-channel PNGs are refused, as labelme cannot use
 * them either. `maxWidth`/`maxHeight` are checked on the header, before anything is inflated.
 */
export function decodeBinaryPng(bytes: Uint8Array, maxWidth: number, maxHeight: number, where: string): BinaryMask {
  const header = readPngHeader(bytes);
  if (header === null) throw new SamlabelError('ImportError', `${where}: the mask is not a PNG`);
  const { width, height, bitDepth, colorType } = header;
  if (colorType !== 0 && colorType !== 3) throw new SamlabelError('ImportError', `${where}: the mask PNG must be one channel (greyscale or palette)`);
  if (width < 1 || height < 1 || width > maxWidth || height > maxHeight) {
    throw new SamlabelError('ImportError', `${where}: the mask PNG is ${width}×${height}, larger than ${maxWidth}×${maxHeight}`);
  }
  let rows: Uint8Array;
  let rowBytes: number;
  try {
    ({ rows, rowBytes } = decodePngRows(bytes, header));
  } catch (err) {
    if (isSamlabelError(err)) throw new SamlabelError('ImportError', `${where}: mask PNG: ${err.message}`);
    throw err;
  }
  const data = new Uint8Array(width * height);
  const bytesPerSample = bitDepth === 16 ? 2 : 1;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      let v: number;
      if (bitDepth >= 8) {
        const at = row + x * bytesPerSample;
        v = bytesPerSample === 2 ? rows[at] | rows[at + 1] : rows[at];
      } else {
        const bit = x * bitDepth;
        v = (rows[row + (bit >> 3)] >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
      }
      data[y * width + x] = v !== 0 ? 1 : 0;
    }
  }
  return { width, height, data };
}

/** The patch placed with its top-left pixel at (x0, y0), clipped to an h×w image, as column-major runs. */
export function placePatch(patch: BinaryMask, x0: number, y0: number, h: number, w: number): { size: [number, number]; counts: number[] } {
  const counts: number[] = [];
  let last = 0;
  let inside = false;
  let runStart = 0;
  const xa = Math.max(0, x0);
  const xb = Math.min(w, x0 + patch.width);
  const ya = Math.max(0, y0);
  const yb = Math.min(h, y0 + patch.height);
  for (let x = xa; x < xb; x++) {
    for (let y = ya; y < yb; y++) {
      const on = patch.data[(y - y0) * patch.width + (x - x0)] !== 0;
      const pos = x * h + y;
      if (on && !inside) [inside, runStart] = [true, pos];
      else if (!on && inside) {
        counts.push(runStart - last, pos - runStart);
        [inside, last] = [false, pos];
      }
    }
    if (inside) {
      const end = x * h + yb;
      // A run reaching the column's clipped end continues only if the next column starts at row 0 in the image.
      if (yb === h && ya === 0 && x + 1 < xb) continue;
      counts.push(runStart - last, end - runStart);
      [inside, last] = [false, end];
    }
  }
  if (last < h * w || counts.length === 0) counts.push(h * w - last);
  return { size: [h, w], counts };
}
