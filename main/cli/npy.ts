import { readFile, writeFile } from 'node:fs/promises';
import { CliUsageError } from './errors.js';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** NumPy .npy v1.0, float32 little-endian, C order: what np.load gives back as a (h, w) array. */
export async function writeNpyFloat32(path: string, data: Float32Array, shape: number[]): Promise<void> {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(head);
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await writeFile(path, Buffer.concat([head, Buffer.from(header, 'latin1'), body]));
}

export async function readNpyFloat32(path: string): Promise<{ data: Float32Array; shape: number[] }> {
  const buf = await readFile(path).catch(() => {
    throw new CliUsageError(`cannot read ${path}`);
  });
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) throw new CliUsageError(`${path} is not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.subarray(start, start + headerLen).toString('latin1');
  if (!/'descr':\s*'<f4'/.test(header) || /'fortran_order':\s*True/.test(header)) {
    throw new CliUsageError(`${path} must hold float32 little-endian C-order logits (np.float32)`);
  }
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = buf.subarray(start + headerLen);
  const count = shape.reduce((a, b) => a * b, 1);
  if (body.length !== count * 4) throw new CliUsageError(`${path}: data size does not match shape (${shape.join('x')})`);
  return { data: new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)), shape };
}
