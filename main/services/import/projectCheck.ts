import type { Dataset } from '../../../shared/dataset.js';
import { findImageByPath } from '../../db/images.js';
import { normalizeRelPath } from '../projects/dataset.js';
import { checkLabelName } from '../labels/labelValues.js';
import type { Project } from '../projects/project.js';
import type { ImportRead } from './builder.js';
import type { ImportSkip } from './report.js';

/**
 * Lines a dataset up with the project before anything is written: an image the project holds at another size is
 * left out (its masks would not fit the picture), an image the project lacks is reported, a label name the project
 * cannot hold is left out with its annotations. All are skips, so `--strict` refuses them; the importer still
 * lists images not in the project as unmatched. `source` is the path imported, for the report.
 */
export function checkAgainstProject(project: Project, read: ImportRead, source: string): ImportRead {
  const skipped: ImportSkip[] = [...read.skipped];
  const badLabels = labelsToDrop(read.dataset, source, skipped);
  const dropped = new Set<number>();
  for (const img of read.dataset.images) {
    const target = findImageByPath(project.db, normalizeRelPath(img.relPath));
    if (target === undefined) {
      skipped.push({ reason: 'not-in-project', file: img.absPath, image: img.relPath, detail: 'no project image at this path' });
    } else if (target.width !== img.width || target.height !== img.height) {
      dropped.add(img.id);
      const detail = `the dataset's image is ${img.width}×${img.height}, the project's ${target.width}×${target.height}`;
      skipped.push({ reason: 'size-mismatch', file: img.absPath, image: img.relPath, detail });
    }
  }
  if (dropped.size === 0 && badLabels.size === 0) return { dataset: read.dataset, skipped };
  const dataset: Dataset = {
    images: read.dataset.images.filter((i) => !dropped.has(i.id)),
    categories: read.dataset.categories.filter((c) => !badLabels.has(c.id)),
    annotations: read.dataset.annotations.filter((a) => !dropped.has(a.imageId) && !badLabels.has(a.categoryId)),
  };
  return { dataset, skipped };
}

/** Categories whose name no project label may have, each reported once with its annotation count. */
function labelsToDrop(dataset: Dataset, source: string, skipped: ImportSkip[]): Set<number> {
  const bad = new Set<number>();
  for (const c of dataset.categories) {
    try {
      checkLabelName(c.name);
    } catch (err) {
      bad.add(c.id);
      const n = dataset.annotations.filter((a) => a.categoryId === c.id).length;
      skipped.push({ reason: 'bad-label', file: source, detail: `${n} annotations: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return bad;
}
