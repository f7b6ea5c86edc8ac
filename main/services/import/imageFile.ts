import { isSamlabelError } from '../../../shared/errors.js';
import { probeImage } from '../../imaging/probeImage.js';
import { MAX_IMAGE_BYTES } from './limits.js';
import type { ReadOptions } from './builder.js';
import { readChecked, type ReadRules } from './safeRead.js';

/** Header bytes tried first; most formats put their size in the first few KiB (a TIFF may need the whole file). */
const HEAD_BYTES = 512 * 1024;

/**
 * Oriented width and height of an image file: a regular file under the image cap, header first. With `imageRoots`
 * (the import command passes the project folder) it must also resolve inside `root` or one of them.
 */
export async function probeImageFile(path: string, root: string, options: ReadOptions): Promise<{ width: number; height: number }> {
  const rules: ReadRules = { what: 'image', maxBytes: MAX_IMAGE_BYTES, ...(options.imageRoots === undefined ? {} : { root, alsoIn: options.imageRoots }) };
  const head = await readChecked(path, rules, HEAD_BYTES);
  try {
    const probe = await probeImage(head, { source: path });
    return { width: probe.width, height: probe.height };
  } catch (err) {
    if (head.length < HEAD_BYTES || !(isSamlabelError(err, 'ImageTruncated') || isSamlabelError(err, 'ImageDecodeError'))) throw err;
    const probe = await probeImage(await readChecked(path, rules), { source: path });
    return { width: probe.width, height: probe.height };
  }
}
