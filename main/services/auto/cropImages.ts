/**
 * Crops for crop layers: SAM sets each crop as an image of its own (one encoder pass per crop). The
 * engine takes bytes, so each crop of the oriented full-resolution image is sent as a fast PNG;
 * identical crops hash the same, so the engine's embedding cache serves them on a second run.
 */
import sharp from 'sharp';
import type { BoxXyxy } from '../../../shared/masks/amg/cropBoxes.js';
import { decodeRgb } from '../../imaging/decodeImage.js';
import { readImageBytes } from '../../imaging/readImage.js';
import type { RgbImage } from '../../imaging/rgbImage.js';

export interface CropSource {
  crop(box: BoxXyxy): Promise<Uint8Array>;
}

export async function cropSource(path: string, maxPixels?: number): Promise<CropSource> {
  let full: RgbImage | undefined;
  const image = async (): Promise<RgbImage> => {
    full ??= (await decodeRgb(await readImageBytes(path), { source: path, limitInputPixels: maxPixels })).image;
    return full;
  };
  return {
    async crop([x0, y0, x1, y1]) {
      const rgb = await image();
      const w = x1 - x0;
      const h = y1 - y0;
      const data = Buffer.alloc(w * h * 3);
      for (let y = 0; y < h; y++) {
        const from = ((y0 + y) * rgb.width + x0) * 3;
        data.set(rgb.data.subarray(from, from + w * 3), y * w * 3);
      }
      return sharp(data, { raw: { width: w, height: h, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
    },
  };
}
