/**
 * The "needs review" flag as the app sees it (StoreService, in-process): it travels with every listed
 * annotation, `reviewed` clears it as one undo step, undo puts it back with its reason, and an image's
 * flags clear in bulk as one step. A mask of another size than its image stays flagged.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationSchema } from '../../../shared/ipc/schemas.js';
import { StoreService } from '../../../main/services/store/storeService.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { tmpDir, writeImages } from '../../helpers/dbProject.js';

let store: StoreService;
let tmp: ReturnType<typeof tmpDir>;
let folder: string;
let imageId: number;

/** A w×h mask whose first `inside` column-major pixels are set. */
const mask = (h: number, w: number, inside: number) => ({ size: [h, w] as [number, number], counts: [0, inside, h * w - inside] });
const box = (label: string, inside: number) => ({ rle: mask(6, 8, inside), label, score: 0.8, stability: 0.9, box: [0, 0, 4, 4] as [number, number, number, number] });
const full = new Float32Array(16).fill(8);

beforeEach(async () => {
  tmp = tmpDir('samlabel-review-');
  folder = join(tmp.dir, 'photos');
  writeImages(folder, { 'a.png': [8, 6, 1] });
  store = new StoreService(() => undefined);
  store.openProject(folder);
  await store.scan();
  imageId = store.listImages({}, 0, 1).images[0].id;
});

afterEach(() => {
  store.closeProject();
  tmp.cleanup();
});

const flags = () => store.listAnnotations(imageId).map((a) => a.review);

/** Two imported box masks (flagged) under one clicked mask (not flagged). */
function seed(): { boxes: string[]; click: string } {
  expect(store.addReviewBoxMasks(imageId, [box('cat', 6), box('dog', 12)])).toBe(2);
  const labelId = Number(store.listLabels()[0].labelId);
  const click = store.accept({ imageId, labelId, lowRes: full, lowResSize: 4, score: 0.9, prompts: { pointCoords: [[1, 1]], pointLabels: [1], box: null } });
  const boxes = store.listAnnotations(imageId).filter((a) => a.review !== null);
  return { boxes: boxes.map((a) => a.annotationId), click: click.annotationId };
}

describe('needs review in the app', () => {
  it('lists imported masks flagged with their reason, a clicked one not, in the contract’s shape', () => {
    seed();
    expect(flags()).toEqual([{ reason: 'mask from a detector box (app import)' }, { reason: 'mask from a detector box (app import)' }, null]);
    for (const a of store.listAnnotations(imageId)) expect(annotationSchema.safeParse(a).success).toBe(true);
  });

  it('reviewed clears one flag as one undo step; undo restores it with its reason, redo clears it again', () => {
    const { boxes } = seed();
    const out = store.updateAnnotation(Number(boxes[0]), { reviewed: true });
    expect(out.review).toBeNull();
    expect(flags()).toEqual([null, { reason: 'mask from a detector box (app import)' }, null]);
    expect(store.historyState({ imageId })).toMatchObject({ undo: 'mark reviewed' });
    store.undo({ imageId });
    expect(flags()[0]).toEqual({ reason: 'mask from a detector box (app import)' });
    store.redo({ imageId });
    expect(flags()[0]).toBeNull();
  });

  it('a relabel keeps the flag; relabel with reviewed clears it in the same step', () => {
    const { boxes } = seed();
    const dog = store.listLabels().find((l) => l.name === 'dog')!;
    expect(store.updateAnnotation(Number(boxes[0]), { labelId: Number(dog.labelId) }).review).not.toBeNull();
    expect(store.updateAnnotation(Number(boxes[1]), { labelId: Number(dog.labelId), reviewed: true }).review).toBeNull();
    store.undo({ imageId });
    expect(flags()[1]).toEqual({ reason: 'mask from a detector box (app import)' });
  });

  it('marks all of an image’s flagged masks reviewed as one undo step; with none flagged, no step', () => {
    seed();
    expect(store.markImageReviewed(imageId)).toBe(2);
    expect(flags()).toEqual([null, null, null]);
    expect(store.historyState({ imageId }).undo).toBe('mark 2 reviewed');
    store.undo({ imageId });
    expect(flags().filter((f) => f !== null)).toHaveLength(2);
    store.redo({ imageId });
    expect(store.markImageReviewed(imageId)).toBe(0);
    expect(store.historyState({ imageId }).undo).toBe('mark 2 reviewed');
  });

  it('a mask of another size than its (resized) image cannot be marked reviewed and stays flagged', async () => {
    const { click } = seed();
    store.markImageReviewed(imageId);
    writeFileSync(join(folder, 'a.png'), tinyPng(16, 12, 1));
    utimesSync(join(folder, 'a.png'), new Date(), new Date(Date.now() + 5000));
    await store.scan();
    expect(flags().every((f) => f !== null && /size/.test(f.reason))).toBe(true);
    expect(() => store.updateAnnotation(Number(click), { reviewed: true })).toThrow(expect.objectContaining({ code: 'BadInput' }));
    expect(store.markImageReviewed(imageId)).toBe(0);
    expect(flags().every((f) => f !== null)).toBe(true);
  });
});
