import { rgbToLab } from './lab.js';
import { assignPalette, fitPalette } from './palette.js';
import { buildRegionGraph, contrastBeta, type RegionGraph } from './regionGraph.js';
import { slic } from './slic.js';

/**
 * The per-image precompute of builtin-classic (its "embedding"): superpixels, their colour statistics and their
 * adjacency graph; decode only ever touches these and the label map.
 */
export interface PreparedImage {
  /** Resized image size (longest side IMG_SIZE) in pixels: the model frame's content. */
  readonly width: number;
  readonly height: number;
  readonly count: number;
  /** Region id of every pixel. */
  readonly labels: Uint16Array;
  /** Per region: pixel count, mean Lab (×3), centroid x, y (×2). */
  readonly size: Float32Array;
  readonly meanLab: Float32Array;
  readonly centroid: Float32Array;
  /** Per region palette histogram, CSR: entries histStart[r] .. histStart[r+1] of (histBin, histCount). */
  readonly histStart: Uint32Array;
  readonly histBin: Uint8Array;
  readonly histCount: Float32Array;
  readonly paletteSize: number;
  readonly graph: RegionGraph;
}

/** Knobs of the precompute; changing any of them changes the model (and so its cache key must change). */
export interface PrepareParams {
  readonly superpixels: number;
  /** SLIC compactness: lower hugs colour edges more, higher gives rounder regions. */
  readonly compactness: number;
  readonly paletteSize: number;
}

export const DEFAULT_PREPARE: PrepareParams = { superpixels: 2000, compactness: 10, paletteSize: 64 };

export function prepareImage(rgb: Uint8Array, width: number, height: number, params: PrepareParams = DEFAULT_PREPARE): PreparedImage {
  const n = width * height;
  const lab = rgbToLab(rgb, n);
  const sp = slic(lab, width, height, { regions: params.superpixels, compactness: params.compactness, iterations: 6 });
  const k = params.paletteSize;
  const palette = fitPalette(lab, n, k, 16384, 8);
  const bins = assignPalette(rgb, n, palette, k);
  const graph = buildRegionGraph(sp.labels, lab, width, height, sp.count, contrastBeta(lab, width, height));
  const stats = regionStats(sp.labels, lab, width, height, sp.count);
  const hist = regionHistograms(sp.labels, bins, sp.count, k);
  return { width, height, count: sp.count, labels: Uint16Array.from(sp.labels), ...stats, ...hist, paletteSize: k, graph };
}

function regionStats(labels: Int32Array, lab: Float32Array, width: number, height: number, count: number) {
  const size = new Float32Array(count);
  const meanLab = new Float32Array(count * 3);
  const centroid = new Float32Array(count * 2);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const r = labels[i];
      size[r]++;
      meanLab[3 * r] += lab[3 * i];
      meanLab[3 * r + 1] += lab[3 * i + 1];
      meanLab[3 * r + 2] += lab[3 * i + 2];
      centroid[2 * r] += x + 0.5;
      centroid[2 * r + 1] += y + 0.5;
    }
  }
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < 3; j++) meanLab[3 * r + j] /= size[r];
    centroid[2 * r] /= size[r];
    centroid[2 * r + 1] /= size[r];
  }
  return { size, meanLab, centroid };
}

/** Sparse palette histogram per region (a region of ~300 pixels uses a handful of the 64 colours). */
function regionHistograms(labels: Int32Array, bins: Uint8Array, count: number, k: number) {
  const dense = new Uint32Array(count * k);
  for (let i = 0; i < labels.length; i++) dense[labels[i] * k + bins[i]]++;
  let nonZero = 0;
  for (let j = 0; j < dense.length; j++) if (dense[j] > 0) nonZero++;
  const histStart = new Uint32Array(count + 1);
  const histBin = new Uint8Array(nonZero);
  const histCount = new Float32Array(nonZero);
  let e = 0;
  for (let r = 0; r < count; r++) {
    for (let b = 0; b < k; b++) {
      const v = dense[r * k + b];
      if (v === 0) continue;
      histBin[e] = b;
      histCount[e++] = v;
    }
    histStart[r + 1] = e;
  }
  return { histStart, histBin, histCount };
}
