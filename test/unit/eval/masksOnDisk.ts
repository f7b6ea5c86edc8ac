import { writeFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Writes a single-channel 8-bit PNG of grey values (0/128/255 masks). */
export async function writeGreyPng(path: string, grey: Uint8Array, width: number, height: number): Promise<void> {
  await sharp(grey, { raw: { width, height, channels: 1 } }).png().toFile(path);
}

/**
 * Writes an indexed-colour PNG (colour type 3) from raw palette indices, chunk by chunk, so the test controls the
 * indices exactly (an encoder would be free to renumber the palette). `bitDepth` 8, 4, 2 or 1.
 */
export async function writePalettePng(path: string, indices: Uint8Array, width: number, height: number, bitDepth = 8): Promise<void> {
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * bitDepth;
      raw[y * (rowBytes + 1) + 1 + (bit >> 3)] |= indices[y * width + x] << (8 - bitDepth - (bit & 7));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([bitDepth, 3, 0, 0, 0], 8);
  // A VOC-like palette: index 0 black, others distinct colours (index 0's colour is never what makes it background).
  const palette = Buffer.from([0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', palette),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  await writeFile(path, png);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Row-major 0/1 rectangle [x0, x1) × [y0, y1) on a width × height grid. */
export function rectangle(width: number, height: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = y0; y < y1; y++) out.fill(1, y * width + x0, y * width + x1);
  return out;
}
