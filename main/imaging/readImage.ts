import { readFile, stat } from 'node:fs/promises';
import { SamlabelError } from '../../shared/errors.js';

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/**
 * Reads a whole image file. Missing paths and directories are ImageNotFound and a 0-byte file is
 * ImageEmpty, so a scan of a folder can report them per file instead of failing later in a decoder.
 * Other fs errors (EACCES, EIO) are rethrown as they are: they are not image problems.
 */
export async function readImageBytes(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new SamlabelError('ImageNotFound', `${path} is a directory, not an image file`);
    const bytes = await readFile(path);
    if (bytes.length === 0) throw new SamlabelError('ImageEmpty', `${path} is empty (0 bytes)`);
    return bytes;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SamlabelError('ImageNotFound', `${path} does not exist`);
    }
    if (code === 'EISDIR') throw new SamlabelError('ImageNotFound', `${path} is a directory, not an image file`);
    throw err;
  }
}
