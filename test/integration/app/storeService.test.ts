/** StoreService (what the store worker runs), in-process: the gallery's queries and the app's edits by id. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { StoreService } from '../../../main/services/store/storeService.js';
import { tmpDir, writeImages } from '../../helpers/dbProject.js';

let store: StoreService;
const events: AppEvent[] = [];
const ids: Record<string, number> = {};

/** A 4×4 "candidate" whose low-res logits are inside everywhere: a full-image mask once binarised. */
const full = new Float32Array(16).fill(8);

beforeAll(async () => {
  const { dir } = tmpDir('samlabel-store-');
  const folder = join(dir, 'photos');
  mkdirSync(folder);
  writeImages(folder, { 'a.png': [8, 6, 1], 'b.png': [8, 6, 2], 'c/d.png': [8, 6, 3], 'e.png': [8, 6, 4] });
  store = new StoreService((e) => events.push(e));
  expect(store.openProject(folder)).toMatchObject({ name: 'photos', imageCount: 0 });
  await store.scan();
  for (const row of store.listImages({}, 0, 10).images) ids[row.relPath] = row.id;
});

afterAll(() => store?.closeProject());

describe('StoreService', () => {
  it('reports the scan as events and counts', () => {
    expect(events.some((e) => e.type === 'scan' && e.phase === 'done' && e.counts.added === 4)).toBe(true);
    expect(store.summary()).toMatchObject({ imageCount: 4, images: { new: 4 } });
  });

  it('pages images in path order', () => {
    expect(store.listImages({}, 1, 2)).toMatchObject({ total: 4, images: [{ relPath: 'b.png' }, { relPath: 'c/d.png' }] });
  });

  it('accepts a candidate at full resolution, then filters by status and label', () => {
    const cat = store.editLabel({ op: 'add', name: 'cat' });
    const added = store.accept({
      imageId: ids['b.png'],
      labelId: Number(cat.labelId),
      lowRes: full,
      lowResSize: 4,
      score: 0.9,
      prompts: { pointCoords: [[1, 1]], pointLabels: [1], box: null },
    });
    expect(added).toMatchObject({ area: 48, bbox: [0, 0, 8, 6], source: 'click', score: 0.9, stability: 1, rle: { size: [6, 8] } });
    store.setImageStatus(ids['e.png'], 'done');
    expect(store.listImages({ status: ['in_progress'] }, 0, 10).images.map((i) => i.relPath)).toEqual(['b.png']);
    expect(store.listImages({ labelId: Number(cat.labelId) }, 0, 10).images).toMatchObject([{ relPath: 'b.png', annotationCount: 1 }]);
    expect(store.listImages({ status: ['new', 'done'] }, 0, 10).total).toBe(3);
    expect(store.listLabels()).toMatchObject([{ name: 'cat', annotationCount: 1 }]);
  });

  it('finds the next / previous image matching a filter (e.g. not done)', () => {
    const notDone = { status: ['new' as const, 'in_progress' as const] };
    expect(store.findImage(ids['a.png'], 'next', notDone)).toBe(ids['b.png']);
    expect(store.findImage(ids['c/d.png'], 'next', notDone)).toBeNull(); // e.png is done
    expect(store.findImage(ids['e.png'], 'previous', { status: ['new'] })).toBe(ids['c/d.png']);
    expect(store.findImage(ids['a.png'], 'previous', {})).toBeNull();
  });

  it('reorders an image’s annotations as one undo step, and refuses a list that is not a permutation', () => {
    const cat = store.listLabels()[0];
    const second = store.accept({ imageId: ids['b.png'], labelId: Number(cat.labelId), lowRes: full, lowResSize: 4, score: 0.5, prompts: { pointCoords: [[2, 2]], pointLabels: [1], box: null } });
    const before = store.listAnnotations(ids['b.png']).map((a) => Number(a.annotationId));
    const reordered = store.reorderAnnotations(ids['b.png'], [...before].reverse());
    expect(reordered.map((a) => a.annotationId)).toEqual([second.annotationId, String(before[0])]);
    expect(() => store.reorderAnnotations(ids['b.png'], [before[0]])).toThrow(/each of image/);
    expect(store.undo({ imageId: ids['b.png'] })).toMatchObject({ description: 'reorder annotations' });
    expect(store.listAnnotations(ids['b.png']).map((a) => Number(a.annotationId))).toEqual(before);
  });

  it('labels by id follow the store’s rules: a label in use is not removed without cascade or reassign', () => {
    const dog = store.editLabel({ op: 'add', name: 'dog', color: '#00ff00' });
    const cat = store.listLabels().find((l) => l.name === 'cat')!;
    expect(() => store.removeLabel(Number(cat.labelId), {})).toThrow(expect.objectContaining({ code: 'LabelInUse' }));
    expect(store.editLabel({ op: 'recolour', labelId: Number(dog.labelId), color: '#123456' })).toMatchObject({ color: '#123456' });
    expect(store.editLabel({ op: 'setHotkey', labelId: Number(dog.labelId), hotkey: 'd' })).toMatchObject({ hotkey: 'd' });
    expect(store.removeLabel(Number(cat.labelId), { reassignTo: Number(dog.labelId) })).toBe(2);
    expect(store.listLabels()).toMatchObject([{ name: 'dog', annotationCount: 2 }]);
    expect(() => store.editLabel({ op: 'rename', labelId: 999, name: 'x' })).toThrow(expect.objectContaining({ code: 'LabelNotFound' }));
  });
});
