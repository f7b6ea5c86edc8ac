import type { Dataset } from '../../../shared/dataset.js';
import { findImageByPath } from '../../db/images.js';
import { normalizeRelPath } from '../projects/dataset.js';
import type { Project } from '../projects/project.js';
import type { ImportRead } from './builder.js';
import type { ImportSkip } from './report.js';

/**
 * Lines a dataset up with the project before anything is written: an image the project holds at another size is
 * left out (its masks would not fit the picture), an image the project lacks is reported. Both are skips, so
 * `--strict` refuses either; the importer still lists images not in the project as unmatched.
 */
export function checkAgainstProject(project: Project, read: ImportRead): ImportRead {
  const skipped: ImportSkip[] = [...read.skipped];
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
  if (dropped.size === 0) return { dataset: read.dataset, skipped };
  const dataset: Dataset = {
    images: read.dataset.images.filter((i) => !dropped.has(i.id)),
    categories: read.dataset.categories,
    annotations: read.dataset.annotations.filter((a) => !dropped.has(a.imageId)),
  };
  return { dataset, skipped };
}
