/**
 * Detector output to prompt: a YOLO txt folder (one `<image stem>.txt` per image, lines
 * `class cx cy w h [score]` normalised to the image, as ultralytics' save_txt / save_conf write them)
 * or a COCO detections JSON (`images` + `annotations` with xywh `bbox`, optional `score`).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';

export interface Detection {
  readonly label: string;
  readonly score: number | null;
  /** [x0, y0, x1, y1] in pixels of an image of the given size (after EXIF orientation). */
  box(width: number, height: number): [number, number, number, number];
}

export interface DetectionSource {
  /** Detections of the image at relPath, or undefined when the source has no entry for it. */
  forImage(relPath: string): Promise<Detection[] | undefined>;
}

const bad = (message: string) => new SamlabelError('BadInput', message);
const stem = (relPath: string): string => relPath.replace(/\.[^./]+$/, '');

/** classes.txt (one name per line) or data.yaml's `names:` list/map; else class ids are the names. */
async function yoloNames(dir: string): Promise<string[]> {
  const classes = join(dir, 'classes.txt');
  if (existsSync(classes)) return (await readFile(classes, 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  const yaml = join(dir, 'data.yaml');
  if (!existsSync(yaml)) return [];
  const text = await readFile(yaml, 'utf8');
  const inline = /names:\s*\[(.*)\]/.exec(text);
  if (inline) return inline[1].split(',').map((n) => n.trim().replace(/^['"]|['"]$/g, ''));
  return [...text.matchAll(/^\s+(\d+):\s*(.+)$/gm)].map((m) => m[2].trim().replace(/^['"]|['"]$/g, ''));
}

function yoloLine(line: string, names: string[], where: string): Detection {
  const v = line.trim().split(/\s+/).map(Number);
  if ((v.length !== 5 && v.length !== 6) || v.some((n) => !Number.isFinite(n)) || !Number.isInteger(v[0])) {
    throw bad(`${where}: expected "class cx cy w h [score]", got "${line.trim()}"`);
  }
  const [cls, cx, cy, w, h, score] = v;
  return {
    label: names[cls] ?? String(cls),
    score: score ?? null,
    box: (W, H) => [(cx - w / 2) * W, (cy - h / 2) * H, (cx + w / 2) * W, (cy + h / 2) * H],
  };
}

async function yoloSource(dir: string): Promise<DetectionSource> {
  const names = await yoloNames(dir);
  return {
    async forImage(relPath) {
      const file = [join(dir, `${stem(relPath)}.txt`), join(dir, `${stem(basename(relPath))}.txt`)].find((f) => existsSync(f));
      if (!file) return undefined;
      const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim().length > 0);
      return lines.map((l, i) => yoloLine(l, names, `${file}:${i + 1}`));
    },
  };
}

interface CocoDetections {
  images: Array<{ id: number; file_name: string }>;
  annotations: Array<{ image_id: number; category_id: number; bbox: number[]; score?: number }>;
  categories?: Array<{ id: number; name: string }>;
}

function parseCoco(text: string, path: string): CocoDetections {
  let json: Partial<CocoDetections>;
  try {
    json = JSON.parse(text) as Partial<CocoDetections>;
  } catch {
    throw bad(`${path} is not JSON`);
  }
  if (!Array.isArray(json.images) || !Array.isArray(json.annotations)) throw bad(`${path} needs "images" and "annotations" (COCO detections)`);
  for (const a of json.annotations) {
    if (!Array.isArray(a.bbox) || a.bbox.length !== 4 || !a.bbox.every(Number.isFinite)) throw bad(`${path}: annotation of image ${a.image_id} has no [x, y, w, h] bbox`);
  }
  return json as CocoDetections;
}

async function cocoSource(path: string): Promise<DetectionSource> {
  const coco = parseCoco(await readFile(path, 'utf8'), path);
  const names = new Map((coco.categories ?? []).map((c) => [c.id, c.name]));
  const byImage = new Map<number, Detection[]>();
  for (const a of coco.annotations) {
    const [x, y, w, h] = a.bbox;
    const d: Detection = { label: names.get(a.category_id) ?? String(a.category_id), score: a.score ?? null, box: () => [x, y, x + w, y + h] };
    byImage.set(a.image_id, [...(byImage.get(a.image_id) ?? []), d]);
  }
  const byName = new Map(coco.images.map((im) => [im.file_name.replaceAll('\\', '/'), im.id]));
  const byBase = new Map(coco.images.map((im) => [basename(im.file_name.replaceAll('\\', '/')), im.id]));
  return {
    async forImage(relPath) {
      const id = byName.get(relPath) ?? byBase.get(basename(relPath));
      return id === undefined ? undefined : (byImage.get(id) ?? []);
    },
  };
}

export async function openDetections(path: string): Promise<DetectionSource> {
  const info = await stat(path).catch(() => {
    throw bad(`--detections ${path} does not exist`);
  });
  return info.isDirectory() ? yoloSource(path) : cocoSource(path);
}
