import sharp from 'sharp';
import type { Size } from '../../shared/sam/coords.js';
import { getPreprocessShape } from '../../shared/sam/resizeLongestSide.js';
import type { RgbImage } from './rgbImage.js';
import { asBuffer } from './asBuffer.js';
import { decodeBmpRgb, parseBmpHeader } from './bmp.js';
import { toImageError } from './imageErrors.js';
import { DEFAULT_PIXEL_LIMIT } from './pixelLimit.js';
import { probeImage, type ImageProbe } from './probeImage.js';
import { isDownscale, resizeRgb, SHARP_DOWNSCALE } from './resizeRgb.js';
import { toRgbImage } from './sharpRaw.js';

export interface DecodeOptions {
  /** Refuse images with more pixels than this, from the header, before decoding (default 268402689). */
  readonly limitInputPixels?: number;
  /** Resize so the longest side is this (SAM: 1024), to exactly getPreprocessShape's size. */
  readonly longestSide?: number;
  /** Path or name used in error messages. */
  readonly source?: string;
}

export interface DecodedImage {
  /** RGB8 HWC, oriented as the user sees it, resized when `longestSide` was given. */
  readonly image: RgbImage;
  /** (H, W) after EXIF orientation and before any resize: the frame of ImagePoints. */
  readonly origSize: Size;
}

/**
 * sharp path: orient, then sRGB RGB8 (grey, CMYK, 16-bit and palette converted; alpha dropped like
 * PIL's convert('RGB'), not composited). One pipeline when downscaling an opaque image (fastest:
 * no full-size copy); otherwise decode first and resize the RGB, because sharp resizes with
 * premultiplied alpha before dropping it, which would blacken transparent pixels' colour.
 */
async function decodeWithSharp(bytes: Uint8Array, probe: ImageProbe, origSize: Size, target: Size, limit: number, source: string) {
  try {
    // failOn 'truncated': refuse cut files (libjpeg would fill the rest with grey), but unlike sharp's
    // default 'warning' still open JPEGs with recoverable warnings (stray bytes before a marker),
    // which Pillow and OpenCV open too.
    const decoder = sharp(asBuffer(bytes), { failOn: 'truncated', limitInputPixels: limit, autoOrient: true });
    // Naming the pipeline colourspace also stops sharp's JPEG shrink-on-load (pipeline.cc
    // shouldPreShrink), which DCT-scales by 2 for shrinks >= 4 even with fastShrinkOnLoad: false:
    // the resize must see the fully decoded pixels, as on the other paths and in Pillow.
    const rgbPipeline = decoder.pipelineColourspace('srgb').removeAlpha().toColourspace('srgb');
    if (!probe.hasAlpha && isDownscale(origSize, target)) {
      return await toRgbImage(rgbPipeline.resize(target.width, target.height, SHARP_DOWNSCALE), target);
    }
    return await resizeRgb(await toRgbImage(rgbPipeline, origSize), target);
  } catch (err) {
    throw toImageError(err, bytes, probe.format, source);
  }
}

async function decodeBmp(bytes: Uint8Array, target: Size, source: string): Promise<RgbImage> {
  const header = parseBmpHeader(bytes, source);
  const rgb = { width: header.width, height: header.height, data: decodeBmpRgb(bytes, header, source) };
  return resizeRgb(rgb, target);
}

/**
 * Decodes JPEG/PNG/BMP/TIFF/WebP bytes to what SAM's encoder takes: RGB8 HWC after EXIF orientation,
 * optionally resized so the longest side is `longestSide`. Typed errors name `source`: ImageEmpty,
 * ImageTruncated, ImageDecodeError, ImageUnsupported, ImageTooLarge (checked from the header first).
 */
export async function decodeRgb(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const source = opts.source ?? 'the image';
  const limit = opts.limitInputPixels ?? DEFAULT_PIXEL_LIMIT;
  const probe = await probeImage(bytes, { limitInputPixels: limit, source });
  const origSize: Size = { height: probe.height, width: probe.width };
  const target = opts.longestSide === undefined ? origSize : getPreprocessShape(origSize, opts.longestSide);
  const image =
    probe.format === 'bmp'
      ? await decodeBmp(bytes, target, source)
      : await decodeWithSharp(bytes, probe, origSize, target, limit, source);
  return { image, origSize };
}
