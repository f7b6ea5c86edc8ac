import { SamlabelError } from '../../shared/errors.js';

/** sharp's own default (0x3FFF × 0x3FFF): we keep it so sharp and our header check agree. */
export const DEFAULT_PIXEL_LIMIT = 0x3fff * 0x3fff;

function formatPixels(pixels: number): string {
  if (pixels >= 10e6) return `${Math.round(pixels / 1e6)} MP`;
  if (pixels >= 0.1e6) return `${(pixels / 1e6).toFixed(1)} MP`;
  return `${pixels} pixels`;
}

/**
 * Refuses an image from its header dimensions, before any pixel is allocated: a 300 MP decode is
 * ~900 MB of RGB and would take the engine process down instead of failing with a message.
 */
export function assertWithinPixelLimit(width: number, height: number, limit: number, source: string): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SamlabelError('BadInput', `limitInputPixels must be a positive integer, got ${limit}`);
  }
  const pixels = width * height;
  if (pixels > limit) {
    throw new SamlabelError(
      'ImageTooLarge',
      `${source} (${width}×${height}) is ${formatPixels(pixels)}, over the limit of ${formatPixels(limit)}; ` +
        'raise it with --max-pixels',
    );
  }
}
