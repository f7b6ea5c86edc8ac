/** Paints a candidate's low-res mask into a small <canvas> (the candidate chooser's previews). */
import type { CellGrid, CellWindow } from '../../shared/sam/lowResCells.js';
import { lowResPreview, type MaskStyle } from './maskRaster.js';

export function paintPreview(target: HTMLCanvasElement, cells: Uint8Array, grid: CellGrid, style: MaskStyle, window?: CellWindow): void {
  const preview = lowResPreview(cells, grid, style, window);
  target.width = preview.width;
  target.height = preview.height;
  const ctx = target.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#1f2937';
  ctx.fillRect(0, 0, preview.width, preview.height);
  const layer = document.createElement('canvas');
  layer.width = preview.width;
  layer.height = preview.height;
  layer.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(preview.rgba), preview.width, preview.height), 0, 0);
  ctx.drawImage(layer, 0, 0);
}
