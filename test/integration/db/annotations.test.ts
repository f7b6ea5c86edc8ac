import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImageByPath, getImage } from '../../../main/db/images.js';
import type { ImageRecord, LabelClass } from '../../../main/db/records.js';
import {
  addAnnotations,
  deleteAnnotations,
  listImageAnnotations,
  setImageStatus,
  updateAnnotation,
} from '../../../main/services/annotations/annotations.js';
import { compressCounts as encodeRleCounts } from '../../../shared/masks/rle.js';
import { addLabel } from '../../../main/services/labels/labels.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { expectCode } from '../../helpers/dbExpect.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let folder: string;
let image: ImageRecord;
let cat: LabelClass;
beforeEach(async () => {
  tmp = tmpDir();
  ({ project, folder } = makeProject(tmp.dir, { 'a.png': [4, 3], 'b.png': [2, 2, 1] }));
  await scanProject(project);
  image = findImageByPath(project.db, 'a.png') as ImageRecord;
  cat = addLabel(project, { name: 'cat' });
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const counts = [2, 5, 5];

describe('annotation repository', () => {
  it('stores a mask as compressed COCO RLE with everything that made it, across a reopen', () => {
    const [added] = addAnnotations(project, image.id, [
      {
        labelId: cat.id,
        rle: { size: [3, 4], counts },
        source: 'click',
        score: 0.93,
        stability: 0.97,
        attributes: { occluded: true, note: 'left', truncation: 0.5 },
        prompts: { pointCoords: [[1.5, 2]], pointLabels: [1], box: [0, 0, 3, 2] },
      },
    ]);
    expect(added.rle).toEqual({ size: [3, 4], counts: encodeRleCounts(counts) });
    const row = project.db.prepare('SELECT rle_counts, prompts FROM annotations WHERE id = ?').get(added.id);
    expect(row).toEqual({ rle_counts: encodeRleCounts(counts), prompts: '{"point_coords":[[1.5,2]],"point_labels":[1],"box":[0,0,3,2]}' });
    project.close();
    project = Project.open(folder);
    expect(listImageAnnotations(project, image.id)).toEqual([{ ...added }]);
    expect(added).toMatchObject({ source: 'click', score: 0.93, stability: 0.97, iscrowd: 0, zOrder: 0 });
  });

  it('stacks new masks on top and moves a new image to in_progress', () => {
    const a = addAnnotations(project, image.id, [
      { labelId: cat.id, rle: { size: [3, 4], counts }, source: 'auto' },
      { labelId: cat.id, rle: { size: [3, 4], counts: [12] }, source: 'box', iscrowd: 1 },
    ]);
    expect(a.map((x) => x.zOrder)).toEqual([0, 1]);
    expect(getImage(project.db, image.id)?.status).toBe('in_progress');
    const [c] = addAnnotations(project, image.id, [{ labelId: cat.id, rle: { size: [3, 4], counts }, source: 'click' }]);
    expect(c.zOrder).toBe(2);
  });

  it('refuses masks of the wrong size, unknown labels and images, bad values', () => {
    const ok = { labelId: cat.id, rle: { size: [3, 4] as [number, number], counts }, source: 'click' as const };
    expectCode(() => addAnnotations(project, image.id, [{ ...ok, rle: { size: [4, 3], counts } }]), 'BadInput', /image a.png is 3x4/);
    expectCode(() => addAnnotations(project, image.id, [{ ...ok, rle: { size: [3, 4], counts: [2, 5] } }]), 'BadInput', /cover 7 pixels/);
    expectCode(() => addAnnotations(project, image.id, [{ ...ok, labelId: 999 }]), 'LabelNotFound');
    expectCode(() => addAnnotations(project, 999, [ok]), 'ImageNotFound');
    expectCode(() => addAnnotations(project, image.id, [{ ...ok, score: Number.NaN }]), 'BadInput');
    expectCode(() => addAnnotations(project, image.id, [ok, { ...ok, attributes: { x: { nested: 1 } as unknown as string } }]), 'BadInput');
    // A failed bulk add leaves nothing behind: no annotation and no journal entry.
    expect(listImageAnnotations(project, image.id)).toEqual([]);
    expect(project.db.prepare("SELECT count(*) AS n FROM changes WHERE stack LIKE 'image:%'").get()).toEqual({ n: 0 });
  });

  it('updates and deletes, across images in one call', () => {
    const dog = addLabel(project, { name: 'dog' });
    const b = findImageByPath(project.db, 'b.png') as ImageRecord;
    const [a1] = addAnnotations(project, image.id, [{ labelId: cat.id, rle: { size: [3, 4], counts }, source: 'click' }]);
    const [b1] = addAnnotations(project, b.id, [{ labelId: cat.id, rle: { size: [2, 2], counts: [4] }, source: 'click' }]);
    const updated = updateAnnotation(project, a1.id, { labelId: dog.id, zOrder: 5, attributes: { k: 1 } });
    expect(updated).toMatchObject({ labelId: dog.id, zOrder: 5, attributes: { k: 1 }, rle: a1.rle });
    deleteAnnotations(project, [a1.id, b1.id]);
    expect(listImageAnnotations(project, image.id)).toEqual([]);
    expect(listImageAnnotations(project, b.id)).toEqual([]);
    expectCode(() => updateAnnotation(project, a1.id, { zOrder: 1 }), 'AnnotationNotFound');
  });

  it('sets image status, but not to missing and not on a missing image', () => {
    setImageStatus(project, image.id, 'done');
    expect(getImage(project.db, image.id)?.status).toBe('done');
    expectCode(() => setImageStatus(project, image.id, 'missing' as 'done'), 'BadInput');
  });

  it('refuses every edit on a project opened read-only', () => {
    project.close();
    project = Project.open(folder, { readOnly: true });
    expectCode(() => addLabel(project, { name: 'x' }), 'ProjectReadOnly');
    expectCode(() => addAnnotations(project, image.id, []), 'ProjectReadOnly');
  });
});
