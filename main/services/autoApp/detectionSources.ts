/**
 * Detector output inside the open project folder, for the app's "Import boxes" (auto:listDetections):
 * COCO detections JSON files and YOLO label folders. What qualifies is what the boxes service's own
 * readers (services/boxes/detections.ts) accept, so the list never offers a file `samlabel boxes`
 * would refuse. The walk is bounded and, like the image scan, skips hidden entries (`.samlabel`),
 * export folders and symlinks: a symlink could reach outside the project, and the page must never get
 * a way to name a file there.
 */
import { existsSync } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openDetections } from '../boxes/detections.js';

/**
 * scanWalk.ts's EXPORT_MARKER, repeated: this runs on the main thread / serve loop, which must not load
 * services/projects/ (database code; test/unit/ipc/storeIsolation.test.ts).
 */
const EXPORT_MARKER = '.samlabel-export';

export interface DetectionSourceFile {
  /** Relative to the project folder, '/' separators ('' is the folder itself). */
  readonly relPath: string;
  readonly kind: 'yolo' | 'coco';
}

/** A project's detections sit near its images; deeper folders and huge trees are not searched. */
const MAX_DEPTH = 4;
const MAX_ENTRIES = 20_000;
/** A detections JSON is parsed whole to check it; larger files are not offered. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** YOLO label files read to decide whether a folder is one. */
const YOLO_PROBES = 3;

interface Folder {
  readonly rel: string;
  readonly depth: number;
}

export async function listDetectionSources(root: string): Promise<DetectionSourceFile[]> {
  const found: DetectionSourceFile[] = [];
  const pending: Folder[] = [{ rel: '', depth: 0 }];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const { rel, depth } = pending.shift() as Folder;
    const abs = rel === '' ? root : join(root, rel);
    if (rel === 'exports' || existsSync(join(abs, EXPORT_MARKER))) continue;
    const txt: string[] = [];
    for await (const entry of await opendir(abs, { bufferSize: 256 })) {
      if (++seen > MAX_ENTRIES) break;
      if (entry.name.startsWith('.')) continue;
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory() && depth < MAX_DEPTH) pending.push({ rel: childRel, depth: depth + 1 });
      else if (entry.isFile() && /\.json$/i.test(entry.name) && (await isCocoDetections(join(root, childRel)))) found.push({ relPath: childRel, kind: 'coco' });
      else if (entry.isFile() && /\.txt$/i.test(entry.name) && entry.name !== 'classes.txt') txt.push(entry.name);
    }
    if (await isYoloFolder(abs, txt)) found.push({ relPath: rel, kind: 'yolo' });
  }
  return found.sort((a, b) => a.relPath.localeCompare(b.relPath));
}

async function isCocoDetections(path: string): Promise<boolean> {
  if ((await stat(path)).size > MAX_JSON_BYTES) return false;
  return openDetections(path).then(
    () => true,
    () => false,
  );
}

/**
 * Some label files, and one of the first few reads as `class cx cy w h [score]` lines with at least one
 * box. A bad file among them does not hide the folder: the import reports that image and goes on.
 */
async function isYoloFolder(abs: string, txt: readonly string[]): Promise<boolean> {
  if (txt.length === 0) return false;
  const source = await openDetections(abs).catch(() => undefined);
  if (!source) return false;
  const probes = await Promise.allSettled([...txt].sort().slice(0, YOLO_PROBES).map((name) => source.forImage(name)));
  return probes.some((p) => p.status === 'fulfilled' && p.value !== undefined && p.value.length > 0);
}
