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
import { historyState, redoEdit, undoEdit } from '../../../main/services/history/history.js';
import { addLabel, listLabelClasses, mergeLabels, removeLabel, renameLabel } from '../../../main/services/labels/labels.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { expectCode } from '../../helpers/dbExpect.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let folder: string;
let a: ImageRecord;
let b: ImageRecord;
let cat: LabelClass;
beforeEach(async () => {
  tmp = tmpDir();
  ({ project, folder } = makeProject(tmp.dir, { 'a.png': [4, 3], 'b.png': [4, 3, 1] }));
  await scanProject(project);
  a = findImageByPath(project.db, 'a.png') as ImageRecord;
  b = findImageByPath(project.db, 'b.png') as ImageRecord;
  cat = addLabel(project, { name: 'cat' });
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const mask = (first: number) => ({ size: [3, 4] as [number, number], counts: [first, 12 - first] });
const add = (img: ImageRecord, labelId: number, n = 1) =>
  addAnnotations(project, img.id, Array.from({ length: n }, (_, i) => ({ labelId, rle: mask(i % 12), source: 'click' as const })));
const snapshot = (img: ImageRecord) => listImageAnnotations(project, img.id);
const labelNames = () => listLabelClasses(project).map((l) => l.name);

describe('undo/redo per image', () => {
  it('undoes and redoes add, edit and delete, each restoring the exact rows', () => {
    const s0 = snapshot(a);
    const [x] = add(a, cat.id);
    const s1 = snapshot(a);
    updateAnnotation(project, x.id, { zOrder: 7, attributes: { k: 'v' } });
    const s2 = snapshot(a);
    deleteAnnotations(project, [x.id]);
    expect(snapshot(a)).toEqual([]);

    expect(undoEdit(project, { imageId: a.id })).toMatchObject({ description: 'delete annotation', imageIds: [a.id] });
    expect(snapshot(a)).toEqual(s2);
    undoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual(s1);
    undoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual(s0);
    expect(getImage(project.db, a.id)?.status).toBe('new');
    expectCode(() => undoEdit(project, { imageId: a.id }), 'NothingToUndo');

    redoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual(s1);
    redoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual(s2);
    expect(historyState(project, { imageId: a.id })).toEqual({ undo: 'edit annotation', redo: 'delete annotation' });
  });

  it('keeps one stack per image', () => {
    add(a, cat.id);
    add(b, cat.id, 2);
    undoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual([]);
    expect(snapshot(b)).toHaveLength(2);
  });

  it('undoes a bulk edit in one step', () => {
    add(a, cat.id, 50);
    expect(snapshot(a)).toHaveLength(50);
    undoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual([]);
    redoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toHaveLength(50);
  });

  it('drops the redo branch on a new edit', () => {
    add(a, cat.id);
    add(a, cat.id);
    undoEdit(project, { imageId: a.id });
    add(a, cat.id, 3);
    expectCode(() => redoEdit(project, { imageId: a.id }), 'NothingToRedo');
    expect(project.db.prepare("SELECT count(*) AS n FROM changes WHERE state = 'undone'").get()).toEqual({ n: 0 });
  });

  it('undoes a status change', () => {
    setImageStatus(project, a.id, 'done');
    undoEdit(project, { imageId: a.id });
    expect(getImage(project.db, a.id)?.status).toBe('new');
  });

  it('survives closing and reopening the project', () => {
    add(a, cat.id);
    const s1 = snapshot(a);
    add(a, cat.id, 2);
    undoEdit(project, { imageId: a.id });
    project.close();
    project = Project.open(folder);
    expect(historyState(project, { imageId: a.id })).toEqual({ undo: 'add annotation', redo: 'add 2 annotations' });
    redoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toHaveLength(3);
    undoEdit(project, { imageId: a.id });
    undoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual([]);
    redoEdit(project, { imageId: a.id });
    expect(snapshot(a)).toEqual(s1);
  });
});

describe('undo/redo of label classes (project stack)', () => {
  it('undoes add, rename and merge, annotations included', () => {
    const kitty = addLabel(project, { name: 'kitty' });
    add(a, kitty.id, 2);
    const before = snapshot(a);
    renameLabel(project, 'cat', 'feline');
    mergeLabels(project, 'kitty', 'feline');
    expect(snapshot(a).every((x) => x.labelId === cat.id)).toBe(true);

    undoEdit(project, 'project');
    expect(labelNames()).toEqual(['feline', 'kitty']);
    expect(snapshot(a)).toEqual(before);
    undoEdit(project, 'project');
    expect(labelNames()).toEqual(['cat', 'kitty']);
    redoEdit(project, 'project');
    redoEdit(project, 'project');
    expect(labelNames()).toEqual(['feline']);
  });

  it('undoes a cascading remove, bringing the annotations back', () => {
    add(a, cat.id, 2);
    add(b, cat.id);
    const [sa, sb] = [snapshot(a), snapshot(b)];
    removeLabel(project, 'cat', { cascade: true });
    expect(snapshot(a)).toEqual([]);
    expect(undoEdit(project, 'project').imageIds).toEqual([a.id, b.id]);
    expect(labelNames()).toEqual(['cat']);
    expect([snapshot(a), snapshot(b)]).toEqual([sa, sb]);
  });

  it('restores only the columns a change touched, so later edits from another stack survive', () => {
    const kitty = addLabel(project, { name: 'kitty' });
    const [x] = add(a, kitty.id);
    mergeLabels(project, 'kitty', 'cat');
    updateAnnotation(project, x.id, { zOrder: 9 });
    undoEdit(project, 'project');
    expect(snapshot(a)[0]).toMatchObject({ labelId: kitty.id, zOrder: 9 });
  });

  it('refuses an undo that a later edit conflicts with, changing nothing', () => {
    const dog = addLabel(project, { name: 'dog' });
    add(a, dog.id);
    expectCode(() => undoEdit(project, 'project'), 'UndoConflict', /add label dog/);
    expect(labelNames()).toEqual(['cat', 'dog']);
    expect(historyState(project, 'project')).toEqual({ undo: 'add label dog', redo: null });
  });
});

describe('the journal', () => {
  it('holds one change per edit with its before/after rows', () => {
    const [x] = add(a, cat.id);
    updateAnnotation(project, x.id, { zOrder: 3 });
    const rows = project.db
      .prepare("SELECT c.description, r.tbl, r.before IS NULL AS b, r.after IS NULL AS af FROM changes c JOIN change_rows r ON r.change_id = c.id WHERE c.stack = ? ORDER BY c.id, r.ord")
      .all(`image:${a.id}`);
    expect(rows).toEqual([
      { description: 'add annotation', tbl: 'annotations', b: 1, af: 0 },
      { description: 'add annotation', tbl: 'images', b: 0, af: 0 },
      { description: 'edit annotation', tbl: 'annotations', b: 0, af: 0 },
    ]);
  });
});
