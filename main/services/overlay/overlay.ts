/**
 * An overlay PNG as supervision's MaskAnnotator draws one: each mask filled with its own colour at
 * opacity 0.5 over the image (largest first, so small masks stay visible on top), optionally its
 * outline and its box with a label. Pixels are the image's after EXIF orientation, the frame of masks.
 */
import sharp from 'sharp';
import { SamlabelError } from '../../../shared/errors.js';
import { decodeRle, maskBbox, rleArea, type Rle } from '../../../shared/masks/rle.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import { decodeRgb } from '../../imaging/decodeImage.js';
import { readImageBytes } from '../../imaging/readImage.js';
import { maskColor, toHex, type Rgb } from './palette.js';

export interface OverlayMask {
  readonly mask: Rle | BinaryMask;
  /** Shown with the box, e.g. "car 0.91". */
  readonly label?: string;
}

export interface OverlayOptions {
  readonly opacity?: number;
  readonly outline?: boolean;
  readonly boxes?: boolean;
}

const isBinary = (m: Rle | BinaryMask): m is BinaryMask => 'data' in m;
const binary = (m: Rle | BinaryMask): BinaryMask => (isBinary(m) ? m : decodeRle(m));
const areaOf = (m: Rle | BinaryMask): number => (isBinary(m) ? m.data.reduce((a, v) => a + (v ? 1 : 0), 0) : rleArea(m));

function blend(rgb: Uint8Array, mask: BinaryMask, color: Rgb, opacity: number): void {
  for (let p = 0; p < mask.data.length; p++) {
    if (!mask.data[p]) continue;
    for (let c = 0; c < 3; c++) rgb[3 * p + c] = Math.round(color[c] * opacity + rgb[3 * p + c] * (1 - opacity));
  }
}

/** Mask pixels with a 4-neighbour outside the mask (or on the image border), in the solid colour. */
function outline(rgb: Uint8Array, mask: BinaryMask, color: Rgb): void {
  const { width: w, height: h, data } = mask;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (!data[p]) continue;
      const edge = x === 0 || y === 0 || x === w - 1 || y === h - 1 || !data[p - 1] || !data[p + 1] || !data[p - w] || !data[p + w];
      if (edge) rgb.set(color, 3 * p);
    }
  }
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function boxesSvg(items: Array<{ box: number[]; color: Rgb; label?: string }>, width: number, height: number): Buffer {
  const stroke = Math.max(2, Math.round(Math.max(width, height) / 500));
  const font = Math.max(12, Math.round(Math.max(width, height) / 60));
  const parts = items.map(({ box: [x, y, w, h], color, label }) => {
    const rect = `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${toHex(color)}" stroke-width="${stroke}"/>`;
    if (!label) return rect;
    const ty = y >= font + 4 ? y - 4 : y + font + 2;
    const bg = `<rect x="${x}" y="${ty - font}" width="${Math.ceil(label.length * font * 0.6) + 6}" height="${font + 4}" fill="${toHex(color)}"/>`;
    return `${rect}${bg}<text x="${x + 3}" y="${ty}" font-family="sans-serif" font-size="${font}" fill="#000">${escapeXml(label)}</text>`;
  });
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`);
}

/** Draws the masks over the image at `imagePath` and writes a PNG to `outPath`. */
export async function writeOverlay(imagePath: string, masks: readonly OverlayMask[], outPath: string, options: OverlayOptions = {}): Promise<void> {
  const { image } = await decodeRgb(await readImageBytes(imagePath), { source: imagePath });
  const rgb = Uint8Array.from(image.data);
  const opacity = options.opacity ?? 0.5;
  const colored = masks.map((m, i) => ({ ...m, color: maskColor(i), area: areaOf(m.mask) }));
  const boxes: Array<{ box: number[]; color: Rgb; label?: string }> = [];
  for (const m of [...colored].sort((a, b) => b.area - a.area)) {
    const mask = binary(m.mask);
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new SamlabelError('BadInput', `mask of ${mask.width}x${mask.height} does not fit the ${image.width}x${image.height} image ${imagePath}`);
    }
    blend(rgb, mask, m.color, opacity);
    if (options.outline) outline(rgb, mask, m.color);
    if (options.boxes) boxes.push({ box: maskBbox(mask), color: m.color, label: m.label });
  }
  let pipeline = sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: image.width, height: image.height, channels: 3 } });
  if (boxes.length > 0) pipeline = pipeline.composite([{ input: boxesSvg(boxes, image.width, image.height) }]);
  await pipeline.png().toFile(outPath);
}
