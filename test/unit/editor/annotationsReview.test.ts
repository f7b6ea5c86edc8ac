/** AnnotationsModel and the needs-review flag: clearing one (and walking to the next), all, undo. */
import { describe, expect, it } from 'vitest';
import { AnnotationsModel, needsReview } from '../../../renderer/editor/annotations.js';
import { commandFor } from '../../../renderer/editor/keymap.js';
import { FakeStore } from './fakes.js';

const prompts = { pointCoords: [{ x: 1, y: 2 }], pointLabels: [1 as const] };

/** Four masks on 'img', bottom to top a, b, c, d; b, c and d arrive flagged as an import's would. */
async function imported() {
  const store = new FakeStore();
  const model = new AnnotationsModel(store);
  await model.open('img');
  for (const m of ['a', 'b', 'c', 'd']) await model.accept({ imageId: 'img', maskInputId: m, labelId: 'cat', prompts });
  const [a, b, c, d] = model.get().items.map((x) => x.annotationId);
  store.flag('img', [b, c, d], 'mask from a detector box');
  await model.reload();
  return { store, model, a, b, c, d };
}

const flagged = (model: AnnotationsModel) => model.get().items.filter(needsReview).map((x) => x.annotationId);

describe('AnnotationsModel review flags', () => {
  it('lists the flag with its reason; a mask without one is not flagged', async () => {
    const { model, a, b } = await imported();
    expect(model.get().items.find((x) => x.annotationId === b)?.review).toEqual({ reason: 'mask from a detector box' });
    expect(needsReview(model.get().items.find((x) => x.annotationId === a)!)).toBe(false);
    expect(needsReview({ ...model.get().items[0], review: undefined })).toBe(false);
  });

  it('marks the selected one reviewed, selects the next flagged one down the list, and undo flags it again', async () => {
    const { model, b, c, d } = await imported();
    model.select(d);
    await expect(model.markReviewed()).resolves.toBe(true);
    expect(flagged(model)).toEqual([b, c]);
    expect(model.get().selected).toBe(c);
    expect(model.get().history.undo).toBe('mark reviewed');
    await model.undo();
    expect(flagged(model)).toEqual([b, c, d]);
  });

  it('after the last flagged one down the list, wraps to the top; with none left, selects nothing', async () => {
    const { model, b, c, d } = await imported();
    await model.markReviewed(c);
    model.select(b);
    await model.markReviewed();
    expect(model.get().selected).toBe(d);
    await model.markReviewed();
    expect(model.get().selected).toBeNull();
    expect(flagged(model)).toEqual([]);
  });

  it('asks the store nothing for a mask that is not flagged, or with nothing selected', async () => {
    const { model, a } = await imported();
    const before = model.get().history;
    await expect(model.markReviewed(a)).resolves.toBe(false);
    await expect(model.markReviewed()).resolves.toBe(false);
    expect(model.get().history).toEqual(before);
  });

  it('marks all of the image reviewed as one step; then there is nothing more to mark', async () => {
    const { model, b, c, d } = await imported();
    await expect(model.markAllReviewed()).resolves.toBe(true);
    expect(flagged(model)).toEqual([]);
    await expect(model.markAllReviewed()).resolves.toBe(false);
    await model.undo();
    expect(flagged(model)).toEqual([b, c, d]);
  });

  it('the R key first selects the top flagged mask, then marks the selected one reviewed and moves on', async () => {
    expect(commandFor({ key: 'r' })).toEqual({ type: 'review' });
    expect(commandFor({ key: 'R', shift: true })).toBeNull();
    const { model, a, b, c, d } = await imported();
    await expect(model.reviewSelected()).resolves.toBe(false);
    expect(model.get().selected).toBe(d);
    expect(flagged(model)).toEqual([b, c, d]);
    await expect(model.reviewSelected()).resolves.toBe(true);
    expect(flagged(model)).toEqual([b, c]);
    expect(model.get().selected).toBe(c);
    model.select(a);
    await model.reviewSelected();
    expect(model.get().selected).toBe(c);
    expect(flagged(model)).toEqual([b, c]);
  });
});
