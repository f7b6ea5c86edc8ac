import { z } from 'zod';
import type { Dataset, DatasetCategory } from '../../../shared/dataset.js';
import { readJsonFile } from './sources.js';

/**
 * `--labels map.json`: `{"source name": "project label", "dropped": null}`. Source names are the labels in the
 * files (YOLO class numbers when data.yaml has no names). Unlisted labels keep their name; two sources mapped to
 * one name become one category; null drops the label's annotations.
 */
export type LabelMap = Readonly<Record<string, string | null>>;

const labelMapSchema = z.record(z.string(), z.string().min(1).nullable());

export function loadLabelMap(path: string): Promise<LabelMap> {
  return readJsonFile(path, labelMapSchema);
}

export function applyLabelMap(dataset: Dataset, map: LabelMap): Dataset {
  const categories: DatasetCategory[] = [];
  const byName = new Map<string, number>();
  const target = new Map<number, number | null>();
  for (const c of [...dataset.categories].sort((a, b) => a.order - b.order)) {
    const name = Object.hasOwn(map, c.name) ? map[c.name] : c.name;
    if (name === null) {
      target.set(c.id, null);
      continue;
    }
    let id = byName.get(name);
    if (id === undefined) {
      id = c.id;
      byName.set(name, id);
      categories.push({ ...c, name, order: categories.length });
    }
    target.set(c.id, id);
  }
  const annotations = dataset.annotations.flatMap((a) => {
    const categoryId = target.get(a.categoryId);
    return categoryId === null || categoryId === undefined ? [] : [{ ...a, categoryId }];
  });
  return { images: dataset.images, categories, annotations };
}
