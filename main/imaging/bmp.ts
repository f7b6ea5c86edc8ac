/**
 * A small BMP reader, because sharp's prebuilt libvips has no BMP loader (no ImageMagick) and the
 * project scans .bmp files. Only what cameras/scanners/Windows tools commonly write: 24-bit and
 * 32-bit uncompressed rows (BI_RGB, and BI_BITFIELDS with byte-aligned masks), and 1/4/8-bit
 * uncompressed palette rows (grey masks, such as the GrabCut benchmark's), bottom-up or top-down.
 */
import { SamlabelError } from '../../shared/errors.js';

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const FILE_HEADER_SIZE = 14;

export interface BmpHeader {
  readonly width: number;
  /** Positive, whatever the row order. */
  readonly height: number;
  /** BMP rows are bottom-up unless the stored height is negative. */
  readonly topDown: boolean;
  readonly bitsPerPixel: 1 | 4 | 8 | 24 | 32;
  /** RGB triplets of an indexed (1/4/8-bit) BMP, 2^bits entries (unlisted ones black); null otherwise. */
  readonly palette: Uint8Array | null;
  readonly pixelOffset: number;
  /** Bytes per stored row: rows are padded to 4 bytes. */
  readonly stride: number;
  /** Byte index inside a pixel of R, G, B (BGR order for BI_RGB). */
  readonly channelOffsets: readonly [number, number, number];
  readonly hasAlpha: boolean;
}

function unsupported(source: string, what: string): SamlabelError {
  return new SamlabelError(
    'ImageUnsupported',
    `${source} is a ${what} BMP; only 24/32-bit uncompressed BMP is supported: convert it to PNG`,
  );
}

function truncatedHeader(source: string): SamlabelError {
  return new SamlabelError('ImageTruncated', `${source} is a truncated BMP: the file ends inside its header`);
}

/** A byte-aligned 8-bit mask (0xff << 8k) gives its byte index; anything else is not supported. */
function maskByte(mask: number): number | undefined {
  for (let k = 0; k < 4; k++) if (mask >>> 0 === (0xff << (8 * k)) >>> 0) return k;
  return undefined;
}

function readChannelOffsets(view: DataView, compression: number, dibSize: number, source: string) {
  if (compression === BI_RGB) return { offsets: [2, 1, 0] as const, hasAlpha: false };
  if (view.byteLength < 70) throw truncatedHeader(source);
  // BITFIELDS masks follow a 40-byte header or sit inside a V2+ header: offset 54 either way.
  const [r, g, b] = [0, 4, 8].map((o) => maskByte(view.getUint32(54 + o, true)));
  if (r === undefined || g === undefined || b === undefined) throw unsupported(source, 'non-8-bit BITFIELDS');
  const alphaMask = dibSize >= 56 ? view.getUint32(66, true) : 0;
  return { offsets: [r, g, b] as const, hasAlpha: alphaMask !== 0 };
}

/** Parses the headers only; throws ImageTruncated / ImageUnsupported / ImageDecodeError naming `source`. */
export function parseBmpHeader(bytes: Uint8Array, source: string): BmpHeader {
  if (bytes.length < FILE_HEADER_SIZE + 40) throw truncatedHeader(source);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dibSize = view.getUint32(FILE_HEADER_SIZE, true);
  if (dibSize === 12) throw unsupported(source, 'OS/2 1.x');
  if (dibSize < 40) throw new SamlabelError('ImageDecodeError', `${source} has a corrupt BMP header (DIB size ${dibSize})`);
  const width = view.getInt32(18, true);
  const storedHeight = view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (width <= 0 || storedHeight === 0) {
    throw new SamlabelError('ImageDecodeError', `${source} has a corrupt BMP header (size ${width}×${storedHeight})`);
  }
  const okCompression = compression === BI_RGB || (compression === BI_BITFIELDS && bitsPerPixel === 32);
  if (![1, 4, 8, 24, 32].includes(bitsPerPixel) || !okCompression) {
    throw unsupported(source, `${bitsPerPixel}-bit${compression === BI_RGB ? '' : ' compressed'}`);
  }
  const indexed = bitsPerPixel <= 8;
  const { offsets, hasAlpha } = indexed ? { offsets: [0, 1, 2] as const, hasAlpha: false } : readChannelOffsets(view, compression, dibSize, source);
  return {
    width,
    height: Math.abs(storedHeight),
    topDown: storedHeight < 0,
    bitsPerPixel: bitsPerPixel as BmpHeader['bitsPerPixel'],
    palette: indexed ? readPalette(view, dibSize, bitsPerPixel, source) : null,
    pixelOffset: view.getUint32(10, true),
    stride: Math.floor((bitsPerPixel * width + 31) / 32) * 4,
    channelOffsets: offsets,
    hasAlpha,
  };
}

/**
 * The colour table after the DIB header: BGRX quads, `biClrUsed` of them (0 means 2^bits). Indices
 * past the table read as black, as Windows draws them, so a short table is not an error.
 */
function readPalette(view: DataView, dibSize: number, bits: number, source: string): Uint8Array {
  const size = 2 ** bits;
  const used = view.getUint32(46, true);
  const count = used === 0 || used > size ? size : used;
  const start = FILE_HEADER_SIZE + dibSize;
  if (start + count * 4 > view.byteLength) throw truncatedHeader(source);
  const palette = new Uint8Array(size * 3);
  for (let i = 0; i < count; i++) {
    palette[i * 3] = view.getUint8(start + i * 4 + 2);
    palette[i * 3 + 1] = view.getUint8(start + i * 4 + 1);
    palette[i * 3 + 2] = view.getUint8(start + i * 4);
  }
  return palette;
}

/** Decodes to RGB8 HWC, top row first; any alpha byte is dropped (SAM takes RGB). */
export function decodeBmpRgb(bytes: Uint8Array, header: BmpHeader, source: string): Uint8Array {
  const { width, height, stride, pixelOffset } = header;
  if (pixelOffset + stride * (height - 1) + Math.ceil((width * header.bitsPerPixel) / 8) > bytes.length) {
    throw new SamlabelError('ImageTruncated', `${source} is a truncated BMP: the file ends before the last pixel row`);
  }
  return header.palette ? decodeIndexedRows(bytes, header, header.palette) : decodeDirectRows(bytes, header);
}

function decodeIndexedRows(bytes: Uint8Array, header: BmpHeader, palette: Uint8Array): Uint8Array {
  const { width, height, stride, pixelOffset, topDown, bitsPerPixel: bits } = header;
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + stride * (topDown ? y : height - 1 - y);
    for (let x = 0, dst = y * width * 3; x < width; x++, dst += 3) {
      // The leftmost pixel sits in the byte's high bits.
      const shift = 8 - bits * ((x % perByte) + 1);
      const index = (bytes[row + Math.floor(x / perByte)] >> shift) & mask;
      out[dst] = palette[index * 3];
      out[dst + 1] = palette[index * 3 + 1];
      out[dst + 2] = palette[index * 3 + 2];
    }
  }
  return out;
}

function decodeDirectRows(bytes: Uint8Array, header: BmpHeader): Uint8Array {
  const { width, height, stride, pixelOffset, topDown, channelOffsets } = header;
  const bytesPerPixel = header.bitsPerPixel / 8;
  const [ro, go, bo] = channelOffsets;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    let src = pixelOffset + stride * (topDown ? y : height - 1 - y);
    let dst = y * width * 3;
    for (let x = 0; x < width; x++, src += bytesPerPixel, dst += 3) {
      out[dst] = bytes[src + ro];
      out[dst + 1] = bytes[src + go];
      out[dst + 2] = bytes[src + bo];
    }
  }
  return out;
}
