import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { isSamlabelError } from '../../../shared/errors.js';
import { sha256Hex } from '../../imaging/hash.js';
import { probeImage } from '../../imaging/probeImage.js';

/** Header bytes read to probe a large file; most formats put their size in the first few KiB. */
export const HEAD_BYTES = 512 * 1024;

export interface InspectedFile {
  readonly sha256: string;
  /** After EXIF orientation. */
  readonly width: number;
  readonly height: number;
}

/**
 * Hash and size of one image file. Small files are read once for both. A large file is hashed as
 * a stream (the same digest sha256Hex gives on its bytes, with a bounded buffer) and probed from its
 * first 512 KiB, falling back to the whole file when the header does not fit there (a TIFF with
 * its directory at the end).
 */
export async function inspectImageFile(absPath: string, sizeBytes: number, source: string): Promise<InspectedFile> {
  if (sizeBytes <= HEAD_BYTES) {
    const bytes = await readFile(absPath);
    const probe = await probeImage(bytes, { source });
    return { sha256: sha256Hex(bytes), width: probe.width, height: probe.height };
  }
  const [sha256, probe] = await Promise.all([hashStream(absPath), probeLarge(absPath, source)]);
  return { sha256, width: probe.width, height: probe.height };
}

async function probeLarge(absPath: string, source: string): Promise<{ width: number; height: number }> {
  const handle = await open(absPath, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  try {
    return await probeImage(head, { source });
  } catch (err) {
    if (!isSamlabelError(err, 'ImageTruncated') && !isSamlabelError(err, 'ImageDecodeError')) throw err;
    return probeImage(await readFile(absPath), { source });
  }
}

function hashStream(absPath: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(absPath, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
