import { crc32, deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder for label images: 16-bit greyscale (instance ids) and 8-bit indexed colour with an exact
 * palette (class ids). sharp quantises palette output (libimagequant), which may renumber or merge indices, so
 * label PNGs are written here: byte-identical on every run, and the index of a pixel is its label.
 */
export type LabelPng =
  | { readonly kind: 'gray16'; readonly width: number; readonly height: number; readonly values: Uint16Array }
  | {
      readonly kind: 'palette';
      readonly width: number;
      readonly height: number;
      readonly indices: Uint8Array;
      /** RGB triples, one per index in use (at most 256). */
      readonly palette: ReadonlyArray<readonly [number, number, number]>;
    };

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function encodePng(image: LabelPng): Buffer {
  const { width, height } = image;
  const gray = image.kind === 'gray16';
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = gray ? 16 : 8;
  header[9] = gray ? 0 : 3;
  const chunks = [chunk('IHDR', header)];
  if (!gray) chunks.push(chunk('PLTE', paletteBytes(image.palette)));
  const raw = gray ? rows16(image.values, width, height) : rows8(image.indices, width, height);
  // Level 3: label images are long runs, so files stay small while deflate runs ~3x faster than the default 6.
  chunks.push(chunk('IDAT', deflateSync(raw, { level: 3 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([SIGNATURE, ...chunks]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function paletteBytes(palette: ReadonlyArray<readonly [number, number, number]>): Buffer {
  const out = Buffer.alloc(Math.max(1, palette.length) * 3);
  palette.forEach(([r, g, b], i) => out.set([r, g, b], i * 3));
  return out;
}

/** Filter type 0 per row: label images are long runs, which deflate compresses well without prediction. */
function rows8(indices: Uint8Array, width: number, height: number): Buffer {
  const out = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) out.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return out;
}

function rows16(values: Uint16Array, width: number, height: number): Buffer {
  const stride = width * 2 + 1;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const o = y * stride + 1;
    const row = y * width;
    // The buffer starts zeroed and label images are mostly background: only non-zero samples are written.
    for (let x = 0; x < width; x++) {
      const v = values[row + x];
      if (v === 0) continue;
      out[o + 2 * x] = v >>> 8;
      out[o + 2 * x + 1] = v & 0xff;
    }
  }
  return out;
}
