import Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { healthProblems } from '../../../main/db/health.js';
import { LATEST_VERSION } from '../../../main/db/migrations/registry.js';
import { findImageByPath } from '../../../main/db/images.js';
import type { ImageRecord } from '../../../main/db/records.js';
import { addAnnotations, listImageAnnotations } from '../../../main/services/annotations/annotations.js';
import { addLabel, listLabelClasses } from '../../../main/services/labels/labels.js';
import { projectInfo } from '../../../main/services/projects/info.js';
import { Project } from '../../../main/services/projects/project.js';
import { recoverProject } from '../../../main/services/projects/recover.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { withProject } from '../../../main/services/projects/withProject.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';

const ANNOTATIONS = 600;

let tmp: ReturnType<typeof tmpDir>;
let folder: string;
let dbPath: string;
let imageId: number;
beforeEach(async () => {
  tmp = tmpDir();
  let project: Project;
  ({ folder, project } = makeProject(tmp.dir, { 'a.png': [4, 3] }));
  dbPath = project.paths.dbPath;
  await scanProject(project);
  imageId = (findImageByPath(project.db, 'a.png') as ImageRecord).id;
  const cat = addLabel(project, { name: 'cat' });
  // Long attributes spread the rows over dozens of pages, so one damaged page loses only a few.
  const inputs = Array.from({ length: ANNOTATIONS }, (_, i) => ({
    labelId: cat.id,
    rle: { size: [3, 4] as [number, number], counts: [i % 12, 12 - (i % 12)] },
    source: 'auto' as const,
    attributes: { note: `${i} ${'x'.repeat(300)}` },
  }));
  addAnnotations(project, imageId, inputs);
  project.close();
  // A writer's open takes the daily VACUUM INTO backup: what a destroyed file is restored from.
  Project.open(folder).close();
});
afterEach(() => tmp.cleanup());

function overwrite(offset: number, length: number): void {
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

/** Garbles one leaf page of the annotations table in the middle of the file. */
function damageAnnotationPage(): void {
  const db = new Database(dbPath, { readonly: true });
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'annotations' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(10);
  const page = pages[Math.floor(pages.length / 2)];
  overwrite((page - 1) * pageSize, pageSize);
}

describe('project recover', () => {
  it('leaves a sound database alone (after copying it)', () => {
    const before = readFileSync(dbPath);
    const r = recoverProject(folder);
    expect(r.method).toBe('healthy');
    expect(readFileSync(join(r.copyDir, 'project.db')).equals(before)).toBe(true);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('salvages the readable rows around a damaged page and keeps a copy of the damage', async () => {
    damageAnnotationPage();
    const damaged = readFileSync(dbPath);
    expect(projectInfo(folder).problems.length).toBeGreaterThan(0);
    const failure = await withProject(folder, {}, (p) => listImageAnnotations(p, imageId)).catch((err: unknown) => err);
    expect(isSamlabelError(failure, 'ProjectCorrupt')).toBe(true);
    expect((failure as Error).message).toContain(`samlabel project recover ${folder}`);

    const r = recoverProject(folder);
    expect(r.method).toBe('salvaged');
    expect(readFileSync(join(r.copyDir, 'project.db')).equals(damaged)).toBe(true);
    const annotations = r.salvage?.tables.find((t) => t.table === 'annotations');
    expect(annotations?.readErrors).toBeGreaterThan(0);
    expect(annotations?.copied).toBeGreaterThan(ANNOTATIONS - 40);
    expect(annotations?.copied).toBeLessThan(ANNOTATIONS);
    expect(r.salvage?.journalDropped).toBe(true);
    expect(healthProblems(dbPath)).toEqual([]);

    const project = Project.open(folder);
    expect(listImageAnnotations(project, imageId)).toHaveLength(annotations?.copied ?? -1);
    expect(listLabelClasses(project).map((l) => l.name)).toEqual(['cat']);
    addLabel(project, { name: 'after-recovery' });
    project.close();
  });

  it('restores the newest sound backup when the file cannot be read at all', () => {
    overwrite(0, 100);
    let error: unknown;
    try {
      Project.open(folder);
    } catch (err) {
      error = err;
    }
    expect(isSamlabelError(error, 'ProjectCorrupt')).toBe(true);

    const r = recoverProject(folder);
    expect(r.method).toBe('backup');
    expect(r.backupUsed).toMatch(new RegExp(`project-v${LATEST_VERSION}-.*\\.db$`));
    const project = Project.open(folder);
    expect(listImageAnnotations(project, imageId)).toHaveLength(ANNOTATIONS);
    project.close();
  });
});
