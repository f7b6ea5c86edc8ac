import { access, opendir } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** What a scan picks up, compared case-insensitively ('.JPG' counts). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff', '.webp']);

/**
 * A folder holding this file is an export output (the exporter writes it): its images are copies
 * or renders of the project's own and must not come back in as new images.
 */
export const EXPORT_MARKER = '.samlabel-export';

export function isImageFileName(name: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
}

export interface WalkOptions {
  /** Folders to leave out, relative to the root with '/' separators (e.g. 'exports/coco'). */
  readonly excludes?: ReadonlySet<string>;
}

/**
 * Yields the relative paths ('/' separators) of image files under root, streaming: `opendir` reads
 * entries in chunks, so a folder of 100k files is never held as one array. Hidden entries (names
 * starting with '.', so `.samlabel` too), export folders and symlinks are skipped; symlinks because
 * following them can loop and can reach outside the project.
 */
export async function* walkImages(root: string, opts: WalkOptions = {}): AsyncGenerator<string> {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const abs = rel === '' ? root : join(root, rel);
    if (rel !== '' && (await isExportFolder(abs))) continue;
    const dir = await opendir(abs, { bufferSize: 256 });
    for await (const entry of dir) {
      if (entry.name.startsWith('.')) continue;
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!opts.excludes?.has(childRel)) pending.push(childRel);
      } else if (entry.isFile() && isImageFileName(entry.name)) {
        yield childRel;
      }
    }
  }
}

async function isExportFolder(abs: string): Promise<boolean> {
  try {
    await access(join(abs, EXPORT_MARKER));
    return true;
  } catch {
    return false;
  }
}
