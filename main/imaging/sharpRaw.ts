import type { Sharp } from 'sharp';
import { SamlabelError } from '../../shared/errors.js';
import type { Size } from '../../shared/sam/coords.js';
import type { RgbImage } from './rgbImage.js';

/** Runs a sharp pipeline to RGB8 HWC and checks the shape, so a libvips surprise never reaches the encoder as garbage. */
export async function toRgbImage(pipeline: Sharp, expected: Size): Promise<RgbImage> {
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== expected.width || info.height !== expected.height) {
    throw new SamlabelError(
      'Internal',
      `decoder produced ${info.width}×${info.height}×${info.channels}, expected ${expected.width}×${expected.height}×3`,
    );
  }
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
