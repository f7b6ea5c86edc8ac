import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../shared/dataset.js';
import { findImageByPath } from '../../../main/db/images.js';
import type { ImageRecord } from '../../../main/db/records.js';
import { addAnnotations, listImageAnnotations } from '../../../main/services/annotations/annotations.js';
import { compressCounts as encodeRleCounts } from '../../../shared/masks/rle.js';
import { undoEdit } from '../../../main/services/history/history.js';
import { addLabel, listLabelClasses } from '../../../main/services/labels/labels.js';
import { importDataset, projectToDataset } from '../../../main/services/projects/dataset.js';
import type { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { expectCode } from '../../helpers/dbExpect.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let folder: string;
let a: ImageRecord;
let b: ImageRecord;
beforeEach(async () => {
  tmp = tmpDir();
  ({ project, folder } = makeProject(tmp.dir, { 'a.png': [4, 3], 'sub/b.png': [2, 2, 1] }));
  await scanProject(project);
  a = findImageByPath(project.db, 'a.png') as ImageRecord;
  b = findImageByPath(project.db, 'sub/b.png') as ImageRecord;
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

/** A dataset as an importer (COCO reader…) hands it over: its own ids, paths as written in the file. */
function incoming(): Dataset {
  return {
    images: [
      { id: 101, relPath: './a.png', absPath: '', width: 4, height: 3, status: 'new' },
      { id: 102, relPath: 'sub\\b.png', absPath: '', width: 2, height: 2, status: 'new' },
      { id: 103, relPath: 'elsewhere.png', absPath: '', width: 2, height: 2, status: 'new' },
    ],
    categories: [
      { id: 7, name: 'Cat', color: '#112233', supercategory: 'animal', order: 0 },
      { id: 8, name: 'bird', color: 'nonsense', supercategory: '', order: 1 },
    ],
    annotations: [
      { id: 1, imageId: 101, categoryId: 7, rle: { size: [3, 4], counts: [2, 5, 5] }, iscrowd: 0, score: 0.8, zOrder: 0, attributes: { x: 1 } },
      { id: 2, imageId: 101, categoryId: 8, rle: { size: [3, 4], counts: encodeRleCounts([0, 12]) }, iscrowd: 1, score: null, zOrder: 1, attributes: {} },
      { id: 3, imageId: 102, categoryId: 8, rle: { size: [2, 2], counts: [1, 3] }, iscrowd: 0, score: null, zOrder: 0, attributes: {} },
      { id: 4, imageId: 103, categoryId: 8, rle: { size: [2, 2], counts: [4] }, iscrowd: 0, score: null, zOrder: 0, attributes: {} },
    ],
  };
}

describe('projectToDataset', () => {
  it('gives exporters every image, category and annotation as plain data', () => {
    const cat = addLabel(project, { name: 'cat', supercategory: 'animal' });
    const [x] = addAnnotations(project, a.id, [{ labelId: cat.id, rle: { size: [3, 4], counts: [2, 5, 5] }, source: 'click', score: 0.5 }]);
    const ds = projectToDataset(project);
    expect(ds.images).toEqual([
      { id: a.id, relPath: 'a.png', absPath: `${folder}/a.png`, width: 4, height: 3, status: 'in_progress' },
      { id: b.id, relPath: 'sub/b.png', absPath: `${folder}/sub/b.png`, width: 2, height: 2, status: 'new' },
    ]);
    expect(ds.categories).toEqual([{ id: cat.id, name: 'cat', color: cat.color, supercategory: 'animal', order: 0 }]);
    expect(ds.annotations).toEqual([
      { id: x.id, imageId: a.id, categoryId: cat.id, rle: x.rle, iscrowd: 0, score: 0.5, zOrder: 0, attributes: {} },
    ]);
  });
});

describe('importDataset', () => {
  it('matches images by path and categories by name, creating the missing ones', () => {
    const cat = addLabel(project, { name: 'cat' });
    const r = importDataset(project, incoming(), { mode: 'merge' });
    expect(r).toEqual({
      imagesMatched: 2,
      unmatchedImages: ['elsewhere.png'],
      categoriesCreated: ['bird'],
      annotationsAdded: 3,
      annotationsRemoved: 0,
      duplicatesSkipped: 0,
    });
    const bird = listLabelClasses(project).find((l) => l.name === 'bird');
    const got = listImageAnnotations(project, a.id);
    expect(got.map((x) => [x.labelId, x.source, x.iscrowd, x.score, x.attributes])).toEqual([
      [cat.id, 'import', 0, 0.8, { x: 1 }],
      [bird?.id, 'import', 1, null, {}],
    ]);
    expect(got[0].rle.counts).toBe(encodeRleCounts([2, 5, 5]));
    expect(listImageAnnotations(project, b.id)).toHaveLength(1);
  });

  it('merge skips exact duplicates; replace swaps the annotations of the dataset images', () => {
    importDataset(project, incoming(), { mode: 'merge' });
    const again = importDataset(project, incoming(), { mode: 'merge' });
    expect(again).toMatchObject({ annotationsAdded: 0, duplicatesSkipped: 3, categoriesCreated: [] });
    const replaced = importDataset(project, incoming(), { mode: 'replace' });
    expect(replaced).toMatchObject({ annotationsAdded: 3, annotationsRemoved: 3 });
    expect(listImageAnnotations(project, a.id)).toHaveLength(2);
  });

  it('is undoable per image, and category creation on the project stack', () => {
    importDataset(project, incoming(), { mode: 'merge' });
    undoEdit(project, { imageId: a.id });
    undoEdit(project, { imageId: b.id });
    expect(listImageAnnotations(project, a.id)).toEqual([]);
    undoEdit(project, 'project');
    expect(listLabelClasses(project)).toEqual([]);
  });

  it('is all or nothing: a mask of the wrong size fails the import', () => {
    const ds = incoming();
    const bad: Dataset = { ...ds, annotations: [...ds.annotations, { ...ds.annotations[2], id: 9, rle: { size: [3, 3], counts: [9] } }] };
    expectCode(() => importDataset(project, bad, { mode: 'merge' }), 'ImportError', /sub\/b.png/);
    expect(listLabelClasses(project)).toEqual([]);
    expect(listImageAnnotations(project, a.id)).toEqual([]);
    const dangling: Dataset = { ...ds, annotations: [{ ...ds.annotations[0], categoryId: 99 }] };
    expectCode(() => importDataset(project, dangling, { mode: 'merge' }), 'ImportError', /unknown category 99/);
  });
});
