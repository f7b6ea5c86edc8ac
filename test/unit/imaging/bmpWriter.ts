/** Minimal BMP writer for tests: 24/32-bit BI_RGB or 32-bit BI_BITFIELDS (V4 header), and 8-bit palette. */
import type { Rgb } from './helpers.js';

export interface BmpWriteOptions {
  readonly bitsPerPixel?: 8 | 24 | 32;
  readonly topDown?: boolean;
  /** 32-bit only: BI_BITFIELDS with a V4 header and an alpha mask; pixel bytes are written as B, G, R, A. */
  readonly bitfields?: boolean;
  /** Alpha byte written for 32-bit pixels. */
  readonly alpha?: number;
}

export function writeBmp(img: Rgb, opts: BmpWriteOptions = {}): Uint8Array {
  const bpp = opts.bitsPerPixel ?? 24;
  const dibSize = opts.bitfields ? 108 : 40;
  const paletteSize = bpp === 8 ? 256 * 4 : 0;
  const stride = Math.floor((bpp * img.width + 31) / 32) * 4;
  const pixelOffset = 14 + dibSize + paletteSize;
  const out = new Uint8Array(pixelOffset + stride * img.height);
  const view = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  view.setUint32(2, out.length, true);
  view.setUint32(10, pixelOffset, true);
  view.setUint32(14, dibSize, true);
  view.setInt32(18, img.width, true);
  view.setInt32(22, opts.topDown ? -img.height : img.height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bpp, true);
  view.setUint32(30, opts.bitfields ? 3 : 0, true);
  view.setUint32(34, stride * img.height, true);
  if (opts.bitfields) {
    [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000].forEach((m, i) => view.setUint32(54 + 4 * i, m, true));
  }
  writeRows(out, img, bpp, stride, pixelOffset, opts);
  return out;
}

function writeRows(out: Uint8Array, img: Rgb, bpp: number, stride: number, offset: number, opts: BmpWriteOptions): void {
  const bytesPerPixel = bpp / 8;
  for (let y = 0; y < img.height; y++) {
    const row = offset + stride * (opts.topDown ? y : img.height - 1 - y);
    for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * 3;
      const d = row + x * bytesPerPixel;
      if (bpp === 8) {
        out[d] = img.data[s]; // the index is the red value; tests fill the colour table
        continue;
      }
      out[d] = img.data[s + 2];
      out[d + 1] = img.data[s + 1];
      out[d + 2] = img.data[s];
      if (bpp === 32) out[d + 3] = opts.alpha ?? 0;
    }
  }
}
