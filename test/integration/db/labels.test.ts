import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../../main/db/records.js';
import { addAnnotations, listImageAnnotations } from '../../../main/services/annotations/annotations.js';
import { addLabel, listLabelClasses, mergeLabels, removeLabel, renameLabel, updateLabel } from '../../../main/services/labels/labels.js';
import { LABEL_PALETTE } from '../../../main/services/labels/labelValues.js';
import type { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { findImageByPath } from '../../../main/db/images.js';
import { expectCode } from '../../helpers/dbExpect.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let image: ImageRecord;
beforeEach(async () => {
  tmp = tmpDir();
  ({ project } = makeProject(tmp.dir, { 'a.png': [4, 3] }));
  await scanProject(project);
  image = findImageByPath(project.db, 'a.png') as ImageRecord;
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const names = (): string[] => listLabelClasses(project).map((l) => l.name);
const mask = { size: [3, 4] as [number, number], counts: [2, 5, 5] };
const annotate = (labelId: number, n = 1) =>
  addAnnotations(project, image.id, Array.from({ length: n }, () => ({ labelId, rle: mask, source: 'click' as const })));

describe('label classes', () => {
  it('adds labels in order with palette colours, keys and supercategories', () => {
    addLabel(project, { name: 'cat', hotkey: 'c', supercategory: 'animal' });
    addLabel(project, { name: ' dog ', color: '#ABCDEF' });
    expect(listLabelClasses(project)).toEqual([
      { id: expect.any(Number), name: 'cat', color: LABEL_PALETTE[0], order: 0, hotkey: 'c', supercategory: 'animal' },
      { id: expect.any(Number), name: 'dog', color: '#abcdef', order: 1, hotkey: null, supercategory: '' },
    ]);
  });

  it('keeps names unique regardless of case, and hotkeys unique', () => {
    addLabel(project, { name: 'cat', hotkey: 'c' });
    expectCode(() => addLabel(project, { name: 'Cat' }), 'LabelExists');
    expectCode(() => addLabel(project, { name: 'cow', hotkey: 'c' }), 'BadInput', /already used by label "cat"/);
    expectCode(() => addLabel(project, { name: '   ' }), 'BadInput');
    expectCode(() => addLabel(project, { name: 'x', color: 'red' }), 'BadInput');
    expect(names()).toEqual(['cat']);
  });

  it('renames (a case change included) but not onto another label', () => {
    addLabel(project, { name: 'cat' });
    addLabel(project, { name: 'dog' });
    renameLabel(project, 'cat', 'Cat');
    renameLabel(project, 'dog', 'hound');
    expect(names()).toEqual(['Cat', 'hound']);
    expectCode(() => renameLabel(project, 'hound', 'CAT'), 'LabelExists');
    expectCode(() => renameLabel(project, 'nope', 'x'), 'LabelNotFound');
  });

  it('edits colour, key, supercategory and order', () => {
    addLabel(project, { name: 'cat' });
    addLabel(project, { name: 'dog' });
    updateLabel(project, 'dog', { order: -1, color: '#000000', hotkey: 'd', supercategory: 'animal' });
    expect(listLabelClasses(project)[0]).toMatchObject({ name: 'dog', color: '#000000', hotkey: 'd', supercategory: 'animal' });
  });

  it('merges: annotations move to the target, the source is gone', () => {
    const cat = addLabel(project, { name: 'cat' });
    const kitty = addLabel(project, { name: 'kitty' });
    annotate(kitty.id, 2);
    annotate(cat.id);
    expect(mergeLabels(project, 'kitty', 'cat')).toBe(2);
    expect(names()).toEqual(['cat']);
    expect(listImageAnnotations(project, image.id).map((a) => a.labelId)).toEqual([cat.id, cat.id, cat.id]);
    expectCode(() => mergeLabels(project, 'cat', 'CAT'), 'BadInput');
  });

  it('refuses to remove a label in use unless cascading or reassigning', () => {
    const cat = addLabel(project, { name: 'cat' });
    const dog = addLabel(project, { name: 'dog' });
    addLabel(project, { name: 'unused' });
    annotate(cat.id, 2);
    annotate(dog.id);
    expectCode(() => removeLabel(project, 'cat'), 'LabelInUse', /used by 2 annotation/);
    expect(removeLabel(project, 'unused')).toBe(0);
    expect(removeLabel(project, 'cat', { reassignTo: 'dog' })).toBe(2);
    expect(listImageAnnotations(project, image.id).map((a) => a.labelId)).toEqual([dog.id, dog.id, dog.id]);
    expect(removeLabel(project, 'dog', { cascade: true })).toBe(3);
    expect(listImageAnnotations(project, image.id)).toEqual([]);
    expect(names()).toEqual([]);
    expectCode(() => removeLabel(project, 'dog'), 'LabelNotFound');
  });
});
