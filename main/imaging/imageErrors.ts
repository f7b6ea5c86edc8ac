/**
 * Maps libvips/sharp failures to typed errors. sharp's messages are not a stable API and are vague
 * for PNG ("libpng read error"), so truncation is also decided from the file structure: a file cut
 * short lacks the end marker (JPEG EOI, PNG IEND), or its container says it is longer than it is.
 */
import { SamlabelError } from '../../shared/errors.js';
import type { SupportedFormat } from './imageFormat.js';

const TRUNCATION_MESSAGE = /premature end|truncat|unexpected end|end of file|read error on strip|not enough data/i;
const FORMAT_NAMES: Record<SupportedFormat, string> = { jpeg: 'JPEG', png: 'PNG', bmp: 'BMP', tiff: 'TIFF', webp: 'WebP' };

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Allow a little padding after EOI; a tail of appended data is only consulted when decoding failed.
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

function hasPngEnd(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf('IEND') >= 0;
}

function declaredLengthFits(bytes: Uint8Array, format: 'tiff' | 'webp'): boolean {
  if (bytes.length < 12) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'webp') return view.getUint32(4, true) + 8 <= bytes.length;
  // Classic TIFF: the first IFD offset (libtiff writes the IFD after the pixel data) must be inside the file.
  const little = bytes[0] === 0x49;
  return view.getUint16(2, little) !== 42 || view.getUint32(4, little) < bytes.length;
}

export function looksTruncated(bytes: Uint8Array, format: SupportedFormat): boolean {
  switch (format) {
    case 'jpeg':
      return !hasJpegEnd(bytes);
    case 'png':
      return !hasPngEnd(bytes);
    case 'tiff':
    case 'webp':
      return !declaredLengthFits(bytes, format);
    case 'bmp':
      return false; // bmp.ts checks its own lengths
  }
}

/** Typed error for a failed sharp call on `bytes`; SamlabelErrors pass through unchanged. */
export function toImageError(err: unknown, bytes: Uint8Array, format: SupportedFormat, source: string): SamlabelError {
  if (err instanceof SamlabelError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const name = FORMAT_NAMES[format];
  if (/exceeds pixel limit/i.test(detail)) {
    return new SamlabelError('ImageTooLarge', `${source} is over the pixel limit; raise it with --max-pixels`);
  }
  if (TRUNCATION_MESSAGE.test(detail) || looksTruncated(bytes, format)) {
    return new SamlabelError(
      'ImageTruncated',
      `${source} is a truncated ${name} file (it ends before its image data does); copy or download it again`,
    );
  }
  return new SamlabelError(
    'ImageDecodeError',
    `${source} could not be decoded as ${name} (${detail}); the file may be corrupt: re-save it as PNG or JPEG`,
  );
}
