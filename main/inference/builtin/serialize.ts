import { SamlabelError } from '../../../shared/errors.js';
import type { PreparedImage } from './prepare.js';

const MAGIC = 0x53424331; // "SBC1": builtin-classic prepared state, format 1
const HEADER_WORDS = 8;

/**
 * Prepared state ↔ bytes for the embedding disk cache: a fixed header of uint32 fields, then the arrays
 * (float32 first, so they stay 4-byte aligned). Little-endian, like every platform the app ships on.
 */
export function serializePrepared(prep: PreparedImage): Uint8Array {
  const floats = prep.palette.length + prep.cellLab.length;
  const out = new Uint8Array(HEADER_WORDS * 4 + floats * 4 + prep.cellBins.length);
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([MAGIC, prep.width, prep.height, prep.cellPx, prep.gridW, prep.gridH, prep.k, prep.cellBins.length]);
  const f = new Float32Array(out.buffer, HEADER_WORDS * 4, floats);
  f.set(prep.palette, 0);
  f.set(prep.cellLab, prep.palette.length);
  out.set(prep.cellBins, HEADER_WORDS * 4 + floats * 4);
  return out;
}

export function deserializePrepared(bytes: Uint8Array): PreparedImage {
  // Copy once so the typed-array views are aligned whatever the source buffer's offset.
  const buf = bytes.slice();
  if (buf.length < HEADER_WORDS * 4) throw new SamlabelError('BadInput', 'builtin-classic state is truncated');
  const header = new Uint32Array(buf.buffer, 0, HEADER_WORDS);
  const [magic, width, height, cellPx, gridW, gridH, k, binCount] = header;
  const cells = gridW * gridH;
  const floats = k * 3 + cells * 3;
  if (magic !== MAGIC || buf.length !== HEADER_WORDS * 4 + floats * 4 + binCount || binCount !== cells * cellPx * cellPx) {
    throw new SamlabelError('BadInput', 'not a builtin-classic state of this version');
  }
  const f = new Float32Array(buf.buffer, HEADER_WORDS * 4, floats);
  return {
    width,
    height,
    cellPx,
    gridW,
    gridH,
    k,
    palette: f.subarray(0, k * 3),
    cellLab: f.subarray(k * 3),
    cellBins: buf.subarray(HEADER_WORDS * 4 + floats * 4),
  };
}
