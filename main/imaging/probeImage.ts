import sharp from 'sharp';
import { SamlabelError } from '../../shared/errors.js';
import { asBuffer } from './asBuffer.js';
import { parseBmpHeader } from './bmp.js';
import { toImageError } from './imageErrors.js';
import { sniffFormat, type SniffResult, type SupportedFormat } from './imageFormat.js';
import { assertWithinPixelLimit, DEFAULT_PIXEL_LIMIT } from './pixelLimit.js';

/** EXIF orientation (TIFF tag 274): 1 is upright, 5..8 swap width and height. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface ImageProbe {
  /** Width and height after EXIF orientation: the pixels the user sees, the frame of every ImagePoint. */
  readonly width: number;
  readonly height: number;
  readonly orientation: Orientation;
  readonly format: SupportedFormat;
  readonly hasAlpha: boolean;
  /** Bands as stored (palette PNGs report their expanded bands, 3 or 4). */
  readonly channels: number;
  /** libvips band format as stored, e.g. 'uchar' (8-bit) or 'ushort' (16-bit). */
  readonly depth: string;
}

export interface ProbeOptions {
  /** Refuse images with more pixels than this (default sharp's 268402689). */
  readonly limitInputPixels?: number;
  /** Path or name used in error messages. */
  readonly source?: string;
}

const TAKEN = 'samlabel takes JPEG, PNG, BMP, TIFF and WebP';

/** Error for a file that is not one of our formats: named when recognisable, else undecodable. */
async function refusal(bytes: Uint8Array, sniff: Exclude<SniffResult, { kind: 'supported' }>, source: string) {
  let name = sniff.kind === 'unsupported' ? sniff.name : undefined;
  if (name === undefined) {
    // libvips knows more formats than we sniff (PPM, FITS, Radiance...): name them if it can.
    name = await sharp(asBuffer(bytes), { limitInputPixels: false })
      .metadata()
      .then((m) => m.format.toUpperCase(), () => undefined);
  }
  if (name !== undefined) return new SamlabelError('ImageUnsupported', `${source} is a ${name} file; ${TAKEN}: convert it to PNG`);
  return new SamlabelError('ImageDecodeError', `${source} is not an image (unrecognised content); ${TAKEN}`);
}

function toOrientation(value: number | undefined): Orientation {
  // Out-of-range tags are ignored by libvips' autorotate too, so the image is shown as stored.
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? (value as Orientation) : 1;
}

async function probeWithSharp(bytes: Uint8Array, format: SupportedFormat, source: string): Promise<ImageProbe> {
  // No pixel limit here: assertWithinPixelLimit gives the message with the sizes and the flag to raise.
  const meta = await sharp(asBuffer(bytes), { limitInputPixels: false })
    .metadata()
    .catch((err: unknown) => Promise.reject(toImageError(err, bytes, format, source)));
  const orientation = toOrientation(meta.orientation);
  const swap = orientation >= 5;
  return {
    width: swap ? meta.height : meta.width,
    height: swap ? meta.width : meta.height,
    orientation,
    format,
    hasAlpha: meta.hasAlpha,
    channels: meta.channels,
    depth: meta.depth,
  };
}

function probeBmp(bytes: Uint8Array, source: string): ImageProbe {
  const h = parseBmpHeader(bytes, source);
  const channels = h.hasAlpha ? 4 : 3;
  return { width: h.width, height: h.height, orientation: 1, format: 'bmp', hasAlpha: h.hasAlpha, channels, depth: 'uchar' };
}

/**
 * Reads the header only (no pixel decode), so scanning a folder of 12 MP photos stays fast.
 * Throws ImageEmpty, ImageUnsupported, ImageDecodeError, ImageTruncated (header cut off) or
 * ImageTooLarge; a file truncated inside its pixel data is only detected by decodeRgb.
 */
export async function probeImage(bytes: Uint8Array, opts: ProbeOptions = {}): Promise<ImageProbe> {
  const source = opts.source ?? 'the image';
  if (bytes.length === 0) throw new SamlabelError('ImageEmpty', `${source} is empty (0 bytes)`);
  const sniff = sniffFormat(bytes);
  if (sniff.kind !== 'supported') throw await refusal(bytes, sniff, source);
  const probe = sniff.format === 'bmp' ? probeBmp(bytes, source) : await probeWithSharp(bytes, sniff.format, source);
  assertWithinPixelLimit(probe.width, probe.height, opts.limitInputPixels ?? DEFAULT_PIXEL_LIMIT, source);
  return probe;
}
