import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { polygonToRle } from '../../../shared/masks/polygonRaster.js';
import { DatasetBuilder, type ImportRead, type ReadOptions } from './builder.js';
import { parseDataYaml, type DataYaml } from './dataYaml.js';
import { probeImageFile } from './imageFile.js';
import { coordinateProblem, emptyReason, MAX_TEXT_BYTES } from './limits.js';
import { isInside, listNames, readText, statChecked } from './safeRead.js';
import { IMAGE_EXTENSIONS, relPathOf, walkFiles } from './sources.js';

/**
 * Ultralytics YOLO: a data.yaml (or a folder holding one). Each split's image folder is walked; an image's labels
 * are at the same path with `/images/` → `/labels/` and the extension → .txt, as Ultralytics looks them up. A line of
 * 4 numbers after the class is a box (cx cy w h), more is a polygon; each line becomes one annotation. A relative
 * `path` is taken relative to the YAML (Ultralytics would look in its datasets folder). Project paths are relative
 * to the split's image folder.
 */
export async function readYolo(path: string, options: ReadOptions = {}): Promise<ImportRead> {
  const yamlPath = (await statChecked(path, 'YOLO data.yaml or folder')).isDirectory ? await findYaml(path) : path;
  const yaml = parseDataYaml(await readText(yamlPath, { what: 'YOLO data.yaml', maxBytes: MAX_TEXT_BYTES }), yamlPath);
  const root = datasetRoot(yaml, yamlPath);
  const builder = new DatasetBuilder(options);
  const classes = [...yaml.names.entries()].sort((a, b) => a[0] - b[0]);
  for (const [, name] of classes) builder.category(name);
  const seen = new Set<string>();
  for (const split of yaml.splits) {
    for (const dir of split.dirs) {
      const imageDir = imageFolder(root, dir);
      if (seen.has(imageDir)) continue;
      seen.add(imageDir);
      if (!existsSync(imageDir) || !statSync(imageDir).isDirectory()) {
        throw new SamlabelError('ImportError', `${yamlPath}: ${split.name} image folder ${imageDir} not found (image lists are not supported)`);
      }
      // Label files stay inside the dataset (or, for an image folder elsewhere, inside that folder's parent).
      const labelRoot = isInside(imageDir, root) ? root : dirname(imageDir);
      for (const image of await walkFiles(imageDir, (n) => IMAGE_EXTENSIONS.has(extname(n).toLowerCase()))) {
        await addImage(builder, yaml, image, relPathOf(imageDir, image), labelRoot, options);
      }
    }
  }
  return builder.result();
}

/** Ultralytics' check_det_dataset: a missing `../x` (Roboflow's data.yaml beside train/) is retried as `x`. */
function imageFolder(root: string, dir: string): string {
  const direct = resolve(root, dir);
  if (existsSync(direct) || !dir.startsWith('../')) return direct;
  return resolve(root, dir.slice(3));
}

async function findYaml(dir: string): Promise<string> {
  const yamls = (await listNames(dir, 'YOLO folder')).filter((f) => /\.ya?ml$/i.test(f)).sort();
  const pick = yamls.find((f) => /^data\.ya?ml$/i.test(f)) ?? yamls[0];
  if (pick === undefined) throw new SamlabelError('ImportError', `no data.yaml in ${dir}`);
  return join(dir, pick);
}

function datasetRoot(yaml: DataYaml, yamlPath: string): string {
  if (yaml.path === undefined || yaml.path === '') return dirname(yamlPath);
  return isAbsolute(yaml.path) ? yaml.path : resolve(dirname(yamlPath), yaml.path);
}

/** Ultralytics' img2label_paths: the last /images/ becomes /labels/, the extension .txt. */
export function labelPathFor(image: string): string {
  const token = `${sep}images${sep}`;
  const at = image.lastIndexOf(token);
  const swapped = at < 0 ? image : `${image.slice(0, at)}${sep}labels${sep}${image.slice(at + token.length)}`;
  return swapped.slice(0, swapped.length - extname(swapped).length) + '.txt';
}

async function addImage(builder: DatasetBuilder, yaml: DataYaml, image: string, relPath: string, labelRoot: string, options: ReadOptions): Promise<void> {
  let size: { width: number; height: number };
  try {
    size = await probeImageFile(image, labelRoot, options);
  } catch (err) {
    if (!isSamlabelError(err)) throw err;
    return builder.skipImage(relPath, image, 'unreadable', err.message);
  }
  const { width, height } = size;
  const imageId = builder.addImage(relPath, image, width, height);
  const labelFile = labelPathFor(image);
  if (!existsSync(labelFile)) return;
  const lines = (await readText(labelFile, { what: 'YOLO label file', maxBytes: MAX_TEXT_BYTES, root: labelRoot })).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const origin = { file: labelFile, item: `line ${i + 1}` };
    const { cls, ring } = parseLine(line, width, height, `${labelFile}:${i + 1}`);
    const name = yaml.names.size === 0 ? String(cls) : yaml.names.get(cls);
    if (name === undefined) return builder.skipAnnotation(imageId, origin, 'unknown-label', `class ${cls} is not in ${yaml.names.size} names of data.yaml`);
    const problem = coordinateProblem(ring, width, height);
    if (problem !== null) return builder.skipAnnotation(imageId, origin, 'bad-geometry', problem);
    let rle;
    try {
      rle = polygonToRle(ring, height, width);
    } catch (err) {
      if (!isSamlabelError(err, 'BadInput')) throw err;
      return builder.skipAnnotation(imageId, origin, 'bad-geometry', err.message);
    }
    builder.addAnnotation(imageId, builder.category(name), rle, {}, origin, emptyReason(ring, width, height));
  });
}

/** `cls cx cy w h` or `cls x1 y1 x2 y2 ...`, normalised; returns the ring in pixels. */
export function parseLine(line: string, width: number, height: number, where: string): { cls: number; ring: number[] } {
  const tokens = line.trim().split(/\s+/);
  const cls = Number(tokens[0]);
  const values = tokens.slice(1).map(Number);
  const bad = !Number.isInteger(cls) || cls < 0 || values.some((v) => !Number.isFinite(v));
  if (bad || (values.length !== 4 && (values.length < 6 || values.length % 2 !== 0))) {
    throw new SamlabelError('ImportError', `${where}: expected "class cx cy w h" or "class x1 y1 x2 y2 x3 y3 ..."`);
  }
  if (values.length === 4) {
    const [cx, cy, w, h] = values;
    const [x0, x1, y0, y1] = [(cx - w / 2) * width, (cx + w / 2) * width, (cy - h / 2) * height, (cy + h / 2) * height];
    return { cls, ring: [x0, y0, x1, y0, x1, y1, x0, y1] };
  }
  return { cls, ring: values.map((v, i) => v * (i % 2 === 0 ? width : height)) };
}
