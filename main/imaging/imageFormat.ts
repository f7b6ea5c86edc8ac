/**
 * Format sniffing from magic bytes. We decide the format ourselves instead of asking sharp because
 * BMP needs our own decoder, and because sharp would happily open formats the project does not
 * take (SVG, GIF, HEIF...) that must be refused as ImageUnsupported rather than decoded.
 */

/** What samlabel decodes: jpg/jpeg/png/bmp/tif/tiff/webp files. */
export type SupportedFormat = 'jpeg' | 'png' | 'bmp' | 'tiff' | 'webp';

export type SniffResult =
  | { readonly kind: 'supported'; readonly format: SupportedFormat }
  /** A recognised image/document format that we refuse; `name` is for the message. */
  | { readonly kind: 'unsupported'; readonly name: string }
  | { readonly kind: 'unknown' };

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

function sniffSupported(bytes: Uint8Array): SupportedFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(ascii(bytes, 0, 4))) return 'tiff';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

const HEIF_BRANDS: Record<string, string> = {
  avif: 'AVIF', avis: 'AVIF', heic: 'HEIC', heix: 'HEIC', mif1: 'HEIF', msf1: 'HEIF', hevc: 'HEIC',
};

/** Formats people drop into image folders that libvips may or may not read: named so the message can say which. */
function sniffUnsupported(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 8);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'GIF';
  if (head.startsWith('%PDF')) return 'PDF';
  if (head.startsWith('8BPS')) return 'PSD';
  if (ascii(bytes, 4, 8) === 'ftyp') return HEIF_BRANDS[ascii(bytes, 8, 12)] ?? 'ISO media (MP4/HEIF family)';
  if (startsWith(bytes, [0xff, 0x4f, 0xff, 0x51]) || ascii(bytes, 4, 8) === 'jP  ') return 'JPEG 2000';
  if (startsWith(bytes, [0xff, 0x0a]) || ascii(bytes, 4, 8) === 'JXL ') return 'JPEG XL';
  if (/^P[1-7]\s/.test(head)) return 'PNM (PPM/PGM/PBM)';
  if (/<svg[\s>]/i.test(ascii(bytes, 0, 4096))) return 'SVG';
  return undefined;
}

export function sniffFormat(bytes: Uint8Array): SniffResult {
  const format = sniffSupported(bytes);
  if (format !== undefined) return { kind: 'supported', format };
  const name = sniffUnsupported(bytes);
  if (name !== undefined) return { kind: 'unsupported', name };
  return { kind: 'unknown' };
}
