import sharp from 'sharp';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Stored pixels are the displayed ones turned back, so that after EXIF orientation the user sees `display`. */
const UNDO_ORIENTATION: Record<number, number> = { 1: 0, 3: 180, 6: 270, 8: 90 };

/**
 * Writes a JPEG the user sees as `width`×`height` grey with an optional red rectangle at `red`
 * (display pixels), stored with EXIF `orientation` (1, 3, 6 or 8).
 */
export async function writeTestImage(path: string, width: number, height: number, opts: { orientation?: number; red?: Rect } = {}): Promise<void> {
  const rgb = Buffer.alloc(width * height * 3, 90);
  if (opts.red) {
    const { x, y, w, h } = opts.red;
    for (let yy = y; yy < y + h; yy++) {
      for (let xx = x; xx < x + w; xx++) {
        const i = (yy * width + xx) * 3;
        rgb[i] = 255;
        rgb[i + 1] = 0;
        rgb[i + 2] = 0;
      }
    }
  }
  const orientation = opts.orientation ?? 1;
  const stored = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .rotate(UNDO_ORIENTATION[orientation])
    .raw()
    .toBuffer({ resolveWithObject: true });
  await sharp(stored.data, { raw: { width: stored.info.width, height: stored.info.height, channels: 3 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .toFile(path);
}

/** Centroid (x, y) of the set pixels of a row-major 0/1 mask, offset by the region origin. */
export function centroid(data: Uint8Array, width: number, x0 = 0, y0 = 0): { x: number; y: number; area: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    sx += i % width;
    sy += Math.floor(i / width);
    n++;
  }
  return { x: x0 + sx / n, y: y0 + sy / n, area: n };
}

/** Tight [x0, y0, x1, y1] (inclusive) of the set pixels. */
export function extent(data: Uint8Array, width: number): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    const x = i % width;
    const y = Math.floor(i / width);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}
