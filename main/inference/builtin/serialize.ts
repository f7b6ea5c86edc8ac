import { SamlabelError } from '../../../shared/errors.js';
import type { PreparedImage } from './prepare.js';

const MAGIC = 0x53424332; // "SBC2": builtin-classic prepared state, format 2 (superpixels)
const HEADER_WORDS = 8;

type Field = 'size' | 'meanLab' | 'centroid' | 'histCount' | 'adjWeight' | 'adjLength' | 'histStart' | 'adjStart' | 'adjNode' | 'labels' | 'histBin';

/**
 * Prepared state ↔ bytes for the embedding disk cache: a header of uint32 fields, then the arrays in a fixed order,
 * 4-byte elements first so every view stays aligned. Little-endian, like every platform the app ships on.
 */
export function serializePrepared(prep: PreparedImage): Uint8Array {
  const parts = arrays(prep);
  const total = HEADER_WORDS * 4 + parts.reduce((a, p) => a + p.byteLength, 0);
  const out = new Uint8Array(total + ((4 - (total % 4)) % 4));
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([MAGIC, prep.width, prep.height, prep.count, prep.paletteSize, prep.histBin.length, prep.graph.adjNode.length, 0]);
  let offset = HEADER_WORDS * 4;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), offset);
    offset += p.byteLength;
  }
  return out;
}

function arrays(p: PreparedImage) {
  const g = p.graph;
  return [p.size, p.meanLab, p.centroid, p.histCount, g.adjWeight, g.adjLength, p.histStart, g.adjStart, g.adjNode, p.labels, p.histBin];
}

export function deserializePrepared(bytes: Uint8Array): PreparedImage {
  // Copy once so typed-array views are aligned whatever the source buffer's offset.
  const buf = bytes.slice();
  if (buf.length < HEADER_WORDS * 4) throw new SamlabelError('BadInput', 'builtin-classic state is truncated');
  const [magic, width, height, count, paletteSize, histEntries, adjEntries] = new Uint32Array(buf.buffer, 0, HEADER_WORDS);
  if (magic !== MAGIC) throw new SamlabelError('BadInput', 'not a builtin-classic state of this version');
  const lengths: [Field, number, 'f32' | 'u32' | 'u16' | 'u8'][] = [
    ['size', count, 'f32'],
    ['meanLab', count * 3, 'f32'],
    ['centroid', count * 2, 'f32'],
    ['histCount', histEntries, 'f32'],
    ['adjWeight', adjEntries, 'f32'],
    ['adjLength', adjEntries, 'f32'],
    ['histStart', count + 1, 'u32'],
    ['adjStart', count + 1, 'u32'],
    ['adjNode', adjEntries, 'u32'],
    ['labels', width * height, 'u16'],
    ['histBin', histEntries, 'u8'],
  ];
  const views = readViews(buf, lengths);
  return {
    width,
    height,
    count,
    paletteSize,
    labels: views.labels as Uint16Array,
    size: views.size as Float32Array,
    meanLab: views.meanLab as Float32Array,
    centroid: views.centroid as Float32Array,
    histStart: views.histStart as Uint32Array,
    histBin: views.histBin as Uint8Array,
    histCount: views.histCount as Float32Array,
    graph: {
      adjStart: views.adjStart as Uint32Array,
      adjNode: views.adjNode as Uint32Array,
      adjWeight: views.adjWeight as Float32Array,
      adjLength: views.adjLength as Float32Array,
    },
  };
}

function readViews(buf: Uint8Array, lengths: [Field, number, 'f32' | 'u32' | 'u16' | 'u8'][]) {
  const views = {} as Record<Field, Float32Array | Uint32Array | Uint16Array | Uint8Array>;
  let offset = HEADER_WORDS * 4;
  for (const [name, n, type] of lengths) {
    const bytesPer = type === 'u8' ? 1 : type === 'u16' ? 2 : 4;
    if (offset + n * bytesPer > buf.length) throw new SamlabelError('BadInput', 'builtin-classic state is truncated');
    if (type === 'f32') views[name] = new Float32Array(buf.buffer, offset, n);
    else if (type === 'u32') views[name] = new Uint32Array(buf.buffer, offset, n);
    else if (type === 'u16') views[name] = new Uint16Array(buf.buffer, offset, n);
    else views[name] = new Uint8Array(buf.buffer, offset, n);
    offset += n * bytesPer;
  }
  return views;
}
