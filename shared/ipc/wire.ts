/**
 * Messages of the serve WebSocket. A message without typed arrays is a JSON text frame. A message
 * holding Float32Array / Uint8Array values (SAM's logits, masks) is ONE binary frame:
 *
 *   u32 LE header length | header JSON (UTF-8) | zero padding to 8 bytes | array bytes, each 8-aligned
 *
 * The header is `{json, bins}`: the message with every typed array replaced by null, and per array its
 * path in the message, type, byte offset (from the start of the frame) and element count. Paths, not
 * in-band markers, so no value a caller sends (a label attribute named "$bin"…) can be mistaken for one.
 * Pure TS: the renderer and the server pass their TextEncoder/TextDecoder (shared/ has no DOM or Node).
 */

export interface Utf8 {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

type BinType = 'Float32Array' | 'Uint8Array';
interface BinRef {
  readonly path: (string | number)[];
  readonly type: BinType;
  readonly offset: number;
  readonly length: number;
}
interface Found {
  readonly path: (string | number)[];
  readonly array: Float32Array | Uint8Array;
}

const ALIGN = 8;
const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** A JSON-safe copy of `value` with typed arrays replaced by null, and where they were. */
function extract(value: unknown, path: (string | number)[], found: Found[]): unknown {
  if (value instanceof Float32Array || value instanceof Uint8Array) {
    found.push({ path, array: value });
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => extract(v, [...path, i], found));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key named __proto__ is data here, as JSON.parse makes it.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: extract(v, [...path, k], found), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** Text frame, or one binary frame when `message` holds typed arrays. */
export function encodeWire(message: unknown, utf8: Utf8): string | Uint8Array {
  const found: Found[] = [];
  const json = extract(message, [], found);
  if (found.length === 0) return JSON.stringify(message);
  // Offsets depend on the header's length, which depends on the offsets: size the header with
  // placeholder offsets as wide as any real one can be, then pad the real header to that size.
  const draft = (offsets: number[]) =>
    utf8.encode(JSON.stringify({ json, bins: found.map((f, i): BinRef => ({ path: f.path, type: binType(f.array), offset: offsets[i], length: f.array.length })) }));
  const wide = draft(found.map(() => Number.MAX_SAFE_INTEGER)).length;
  let offset = align(4 + wide);
  const offsets = found.map((f) => {
    const at = offset;
    offset = align(offset + f.array.byteLength);
    return at;
  });
  const header = draft(offsets);
  const frame = new Uint8Array(offset);
  new DataView(frame.buffer).setUint32(0, header.length, true);
  frame.set(header, 4);
  found.forEach((f, i) => frame.set(new Uint8Array(f.array.buffer, f.array.byteOffset, f.array.byteLength), offsets[i]));
  return frame;
}

const binType = (a: Float32Array | Uint8Array): BinType => (a instanceof Float32Array ? 'Float32Array' : 'Uint8Array');

/** Inverse of encodeWire. Throws on a malformed frame (the caller answers BadInput). */
export function decodeWire(frame: string | Uint8Array, utf8: Utf8): unknown {
  if (typeof frame === 'string') return JSON.parse(frame);
  if (frame.byteLength < 4) throw new Error('binary frame too short');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > frame.byteLength) throw new Error('binary frame header overruns the frame');
  const header = JSON.parse(utf8.decode(frame.subarray(4, 4 + headerLength))) as { json: unknown; bins: BinRef[] };
  if (!Array.isArray(header.bins)) throw new Error('binary frame header has no bins');
  let message = header.json;
  for (const bin of header.bins) message = place(message, bin.path, readBin(frame, bin));
  return message;
}

function readBin(frame: Uint8Array, bin: BinRef): Float32Array | Uint8Array {
  const width = bin.type === 'Float32Array' ? 4 : bin.type === 'Uint8Array' ? 1 : 0;
  const ok = width > 0 && Number.isInteger(bin.offset) && Number.isInteger(bin.length) && bin.offset >= 0 && bin.length >= 0;
  if (!ok || bin.offset + bin.length * width > frame.byteLength) throw new Error('binary frame: bad array descriptor');
  // Copied out of the frame: the result owns its bytes and is aligned whatever the frame's offset.
  const bytes = frame.slice(bin.offset, bin.offset + bin.length * width);
  return width === 4 ? new Float32Array(bytes.buffer) : bytes;
}

function place(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!Array.isArray(path)) throw new Error('binary frame: bad path');
  if (path.length === 0) return value;
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) throw new Error('binary frame: path not in message');
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path[path.length - 1];
  if (node === null || typeof node !== 'object' || (node as Record<string | number, unknown>)[last] !== null) {
    throw new Error('binary frame: path does not name a placeholder');
  }
  (node as Record<string | number, unknown>)[last] = value;
  return root;
}
