import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program.js';
import { findImageByPath } from '../../../main/db/images.js';
import type { ImageRecord } from '../../../main/db/records.js';
import { addAnnotations, listImageAnnotations, updateAnnotation } from '../../../main/services/annotations/annotations.js';
import { addLabel } from '../../../main/services/labels/labels.js';
import { projectToDataset } from '../../../main/services/projects/dataset.js';
import { projectInfo } from '../../../main/services/projects/info.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { captureStderr } from '../../helpers/dbCli.js';
import { tinyPng } from '../../helpers/dbImages.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

/** Issue 11: an image replaced by one of another pixel size must not silently keep masks of the old size. */
let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let folder: string;
beforeEach(async () => {
  tmp = tmpDir();
  ({ folder, project } = makeProject(tmp.dir, { 'a.png': [10, 8, 1], 'b.png': [6, 4, 2] }));
  await scanProject(project);
  const cat = addLabel(project, { name: 'cat' });
  for (const rel of ['a.png', 'b.png']) {
    const img = byPath(rel);
    addAnnotations(project, img.id, [{ labelId: cat.id, rle: { size: [img.height, img.width], counts: [0, img.height * img.width] }, source: 'click' }]);
  }
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const byPath = (rel: string): ImageRecord => findImageByPath(project.db, rel) as ImageRecord;

/** Replaces a file and moves its mtime, as an editor saving over it would. */
function replace(rel: string, png: Buffer): void {
  writeFileSync(join(folder, rel), png);
  utimesSync(join(folder, rel), new Date(), new Date(Date.now() + 5000));
}

describe('a scan that finds an image of another pixel size', () => {
  it('takes the new size and flags that image’s annotations "needs review", keeping the masks', async () => {
    const before = listImageAnnotations(project, byPath('a.png').id)[0];
    replace('a.png', tinyPng(20, 16, 1));
    const r = await scanProject(project);
    expect(r).toMatchObject({ changed: 1, resized: 1, needsReview: 1 });
    expect(r.resizedImages).toEqual([{ relPath: 'a.png', from: { width: 10, height: 8 }, to: { width: 20, height: 16 } }]);
    expect(byPath('a.png')).toMatchObject({ width: 20, height: 16 });

    const [flagged] = listImageAnnotations(project, byPath('a.png').id);
    expect(flagged).toMatchObject({ id: before.id, rle: before.rle, review: 'needs_review' });
    expect(flagged.reviewReason).toBe('image size changed from 10x8 to 20x16');
    expect(listImageAnnotations(project, byPath('b.png').id)[0]).toMatchObject({ review: null, reviewReason: null });

    const dataset = projectToDataset(project);
    const byImage = new Map(dataset.annotations.map((a) => [a.imageId, a]));
    expect(byImage.get(byPath('a.png').id)?.needsReview).toBe(true);
    expect(byImage.get(byPath('b.png').id)?.needsReview).toBeUndefined();
  });

  it('does not flag a content change that keeps the size, nor flag twice', async () => {
    replace('b.png', tinyPng(6, 4, 9));
    expect(await scanProject(project)).toMatchObject({ changed: 1, resized: 0, needsReview: 0 });
    replace('a.png', tinyPng(20, 16, 1));
    expect(await scanProject(project)).toMatchObject({ needsReview: 1 });
    replace('a.png', tinyPng(30, 16, 1));
    expect(await scanProject(project)).toMatchObject({ resized: 1, needsReview: 0 });
  });

  it('is counted by project info and printed by project scan', async () => {
    project.close();
    replace('a.png', tinyPng(20, 16, 1));
    const scan = await captureStderr(() => runCli(['project', 'scan', folder]));
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.stdout).toContain('1 images changed pixel size: 1 annotations flagged "needs review"');
    expect(scan.stdout).toContain('  resized a.png: 10x8 -> 20x16');
    expect(projectInfo(folder).needsReview).toBe(1);
    const info = await captureStderr(() => runCli(['project', 'info', folder]));
    expect(info.stdout).toMatch(/annotations 2 \(1 need review\)/);
    project = Project.open(folder);
  });
});

describe('the review flag as other producers use it', () => {
  it('an automatic mask can be added flagged; a new mask from a person clears the flag, a relabel keeps it', () => {
    const img = byPath('b.png');
    const full = { size: [img.height, img.width] as [number, number], counts: [0, img.height * img.width] };
    const cat = listImageAnnotations(project, img.id)[0].labelId;
    const [auto] = addAnnotations(project, img.id, [{ labelId: cat, rle: full, source: 'auto', review: { reason: 'automatic mask' } }]);
    expect(auto).toMatchObject({ review: 'needs_review', reviewReason: 'automatic mask' });
    expect(updateAnnotation(project, auto.id, { attributes: { seen: true } })).toMatchObject({ review: 'needs_review' });
    expect(updateAnnotation(project, auto.id, { rle: full })).toMatchObject({ review: null, reviewReason: null });
    expect(updateAnnotation(project, auto.id, { review: { reason: 'check again' } })).toMatchObject({ reviewReason: 'check again' });
    expect(updateAnnotation(project, auto.id, { review: null })).toMatchObject({ review: null });
  });
});
