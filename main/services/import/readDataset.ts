import type { Dataset } from '../../../shared/dataset.js';
import type { ImportRead, ReadOptions } from './builder.js';
import { readCoco } from './coco.js';
import { readLabelme } from './labelme.js';
import { readMasksPng } from './masksPng.js';
import { readVoc } from './voc.js';
import { readYolo } from './yolo.js';

export const IMPORT_FORMATS = ['coco', 'labelme', 'yolo-seg', 'masks-png', 'voc'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const READERS: Record<ImportFormat, (path: string, options: ReadOptions) => Promise<ImportRead>> = {
  coco: readCoco,
  labelme: readLabelme,
  'yolo-seg': readYolo,
  'masks-png': readMasksPng,
  voc: readVoc,
};

/** Parses a dataset in one of the formats samlabel exports (and the same formats written by other tools). */
export async function readDataset(format: ImportFormat, path: string, options: ReadOptions = {}): Promise<Dataset> {
  return (await readDatasetReport(format, path, options)).dataset;
}

/** readDataset with what was left out and why (docs/IMPORTS.md). */
export function readDatasetReport(format: ImportFormat, path: string, options: ReadOptions = {}): Promise<ImportRead> {
  return READERS[format](path, options);
}
