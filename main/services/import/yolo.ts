import { existsSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Dataset } from '../../../shared/dataset.js';
import { SamlabelError } from '../../../shared/errors.js';
import { polygonToRle } from '../../../shared/masks/polygonRaster.js';
import { probeImage } from '../../imaging/probeImage.js';
import { DatasetBuilder, type ReadOptions } from './builder.js';
import { parseDataYaml, type DataYaml } from './dataYaml.js';
import { IMAGE_EXTENSIONS, relPathOf, requireExists, walkFiles } from './sources.js';

/**
 * Ultralytics YOLO: a data.yaml (or a folder holding one). Each split's image folder is walked; an image's labels
 * are at the same path with `/images/` → `/labels/` and the extension → .txt, as Ultralytics looks them up. A line of
 * 4 numbers after the class is a box (cx cy w h), more is a polygon; each line becomes one annotation. A relative
 * `path` is taken relative to the YAML (Ultralytics would look in its datasets folder). Project paths are relative
 * to the split's image folder.
 */
export async function readYolo(path: string, options: ReadOptions = {}): Promise<Dataset> {
  requireExists(path, 'YOLO data.yaml or folder');
  const yamlPath = statSync(path).isDirectory() ? await findYaml(path) : path;
  const yaml = parseDataYaml(await readFile(yamlPath, 'utf8'), yamlPath);
  const root = datasetRoot(yaml, yamlPath);
  const builder = new DatasetBuilder(options);
  const classes = [...yaml.names.entries()].sort((a, b) => a[0] - b[0]);
  for (const [, name] of classes) builder.category(name);
  const seen = new Set<string>();
  for (const split of yaml.splits) {
    for (const dir of split.dirs) {
      const imageDir = resolve(root, dir);
      if (seen.has(imageDir)) continue;
      seen.add(imageDir);
      if (!existsSync(imageDir) || !statSync(imageDir).isDirectory()) {
        throw new SamlabelError('ImportError', `${yamlPath}: ${split.name} image folder ${imageDir} not found (image lists are not supported)`);
      }
      for (const image of await walkFiles(imageDir, (n) => IMAGE_EXTENSIONS.has(extname(n).toLowerCase()))) {
        await addImage(builder, yaml, image, relPathOf(imageDir, image));
      }
    }
  }
  return builder.build();
}

async function findYaml(dir: string): Promise<string> {
  const yamls = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
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

async function addImage(builder: DatasetBuilder, yaml: DataYaml, image: string, relPath: string): Promise<void> {
  const { width, height } = await probeImage(await readFile(image), { source: image });
  const imageId = builder.addImage(relPath, image, width, height);
  const labelFile = labelPathFor(image);
  if (!existsSync(labelFile)) return;
  const lines = (await readFile(labelFile, 'utf8')).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const { cls, ring } = parseLine(line, width, height, `${labelFile}:${i + 1}`);
    const category = builder.category(yaml.names.get(cls) ?? String(cls));
    builder.addAnnotation(imageId, category, polygonToRle(ring, height, width));
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
