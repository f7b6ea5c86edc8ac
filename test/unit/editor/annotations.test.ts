import { describe, expect, it } from 'vitest';
import { AnnotationsModel, type AcceptInput } from '../../../renderer/editor/annotations.js';
import { FakeStore } from './fakes.js';

const accept = (maskInputId: string, labelId = 'cat'): AcceptInput => ({
  imageId: 'img',
  maskInputId,
  labelId,
  prompts: { pointCoords: [{ x: 1, y: 2 }], pointLabels: [1] },
});

async function opened() {
  const store = new FakeStore();
  const model = new AnnotationsModel(store);
  await model.open('img');
  return { store, model };
}

const ids = (model: AnnotationsModel) => model.get().items.map((a) => a.annotationId);

describe('AnnotationsModel', () => {
  it('an accept is persisted and listed at once', async () => {
    const { store, model } = await opened();
    await expect(model.accept(accept('m#1'))).resolves.toBe(true);
    expect(model.get().items.map((a) => a.labelId)).toEqual(['cat']);
    expect(await store.list('img')).toHaveLength(1);
    expect(model.get().history.undo).toBe('add annotation');
  });

  it('undo and redo go through the store and the list follows', async () => {
    const { model } = await opened();
    await model.accept(accept('m#1'));
    await model.accept(accept('m#2', 'dog'));
    await model.undo();
    expect(model.get().items.map((a) => a.labelId)).toEqual(['cat']);
    expect(model.get().history.redo).toBe('add annotation');
    await model.redo();
    expect(model.get().items.map((a) => a.labelId)).toEqual(['cat', 'dog']);
    expect(model.get().history.redo).toBeNull();
  });

  it('undo with nothing to undo asks the store nothing and changes nothing', async () => {
    const { store, model } = await opened();
    await expect(model.undo()).resolves.toBe(false);
    expect(store.errors).toEqual([]);
  });

  it('relabels, deletes and reorders', async () => {
    const { model } = await opened();
    await model.accept(accept('a'));
    await model.accept(accept('b'));
    await model.accept(accept('c'));
    const [a, b, c] = ids(model);
    await model.setLabel(b, 'dog');
    expect(model.get().items.find((x) => x.annotationId === b)?.labelId).toBe('dog');
    await model.move(a, 1);
    expect(ids(model)).toEqual([b, a, c]);
    await expect(model.move(c, 1)).resolves.toBe(false);
    await model.remove(a);
    expect(ids(model)).toEqual([b, c]);
  });

  it('hiding and selection are view state that forgets deleted annotations', async () => {
    const { model } = await opened();
    await model.accept(accept('a'));
    const [a] = ids(model);
    model.toggleHidden(a);
    model.select(a);
    expect(model.get().hidden.has(a)).toBe(true);
    await model.remove(a);
    expect(model.get().hidden.size).toBe(0);
    expect(model.get().selected).toBeNull();
  });

  it('a store failure is reported and the list re-read', async () => {
    const { store, model } = await opened();
    await expect(model.setLabel('404', 'x')).resolves.toBe(false);
    expect(store.errors).toHaveLength(1);
  });

  it('a list that answers after switching images is not shown on the new image', async () => {
    const { store, model } = await opened();
    await model.accept(accept('a'));
    const switching = model.open('other');
    expect(model.get().items).toEqual([]);
    await switching;
    expect(model.get()).toMatchObject({ imageId: 'other', items: [] });
    expect(await store.list('img')).toHaveLength(1);
  });
});
