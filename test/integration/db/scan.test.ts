import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImageByPath, iterateImages } from '../../../main/db/images.js';
import type { ImageRecord } from '../../../main/db/records.js';
import { addAnnotations, listImageAnnotations, setImageStatus } from '../../../main/services/annotations/annotations.js';
import { addLabel } from '../../../main/services/labels/labels.js';
import type { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { setScanExcludes } from '../../../main/services/projects/scanExcludes.js';
import { HEAD_BYTES } from '../../../main/services/projects/scanInspect.js';
import { EXPORT_MARKER } from '../../../main/services/projects/scanWalk.js';
import { makeProject, tmpDir, writeImages } from '../../helpers/dbProject.js';
import { tinyPng } from '../../helpers/dbImages.js';

let tmp: ReturnType<typeof tmpDir>;
let project: Project;
let folder: string;
beforeEach(() => {
  tmp = tmpDir();
  ({ folder, project } = makeProject(tmp.dir, { 'a.png': [10, 8, 1], 'sub/deep/B.PNG': [5, 7, 2] }));
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const all = (): ImageRecord[] => [...iterateImages(project.db)];
const byPath = (rel: string): ImageRecord => findImageByPath(project.db, rel) as ImageRecord;
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const fullMask = (img: ImageRecord) => ({ size: [img.height, img.width] as [number, number], counts: [0, img.height * img.width] });

describe('scanProject', () => {
  it('finds images recursively, any extension case, with hash and size', async () => {
    const r = await scanProject(project);
    expect(r).toMatchObject({ files: 2, added: 2, failed: 0, cancelled: false });
    expect(all().map((i) => [i.relPath, i.width, i.height, i.status])).toEqual([
      ['a.png', 10, 8, 'new'],
      ['sub/deep/B.PNG', 5, 7, 'new'],
    ]);
    expect(byPath('a.png').sha256).toBe(sha(join(folder, 'a.png')));
  });

  it('skips hidden, .samlabel, export and excluded folders, non-images and symlinks', async () => {
    writeImages(folder, {
      '.hidden/h.png': [2, 2],
      '.samlabel/x.png': [2, 2],
      'export1/e.png': [2, 2],
      'skipme/s.png': [2, 2],
      'keep/k.webp.png': [2, 2],
      '.dot.png': [2, 2],
    });
    writeFileSync(join(folder, 'export1', EXPORT_MARKER), '');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    setScanExcludes(project.db, ['skipme/']);
    const r = await scanProject(project);
    expect(r.files).toBe(3);
    expect(all().map((i) => i.relPath)).toEqual(['a.png', 'keep/k.webp.png', 'sub/deep/B.PNG']);
  });

  it('stores width and height after EXIF orientation', async () => {
    const jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#808080' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    writeFileSync(join(folder, 'rotated.JPG'), jpeg);
    await scanProject(project);
    expect(byPath('rotated.JPG')).toMatchObject({ width: 20, height: 30 });
  });

  it('probes a large file from its header (or all of it, for a TIFF directory at the end) and hashes all of it', async () => {
    const noise = (w: number, h: number) => sharp(randomBytes(w * h), { raw: { width: w, height: h, channels: 1 } });
    writeFileSync(join(folder, 'big.png'), await noise(900, 800).png({ compressionLevel: 0 }).toBuffer());
    const tiff = await noise(700, 900).tiff({ compression: 'none' }).toBuffer();
    writeFileSync(join(folder, 'big.tif'), tiff);
    expect(Math.min(tiff.length, statSync(join(folder, 'big.png')).size)).toBeGreaterThan(HEAD_BYTES);
    const r = await scanProject(project);
    expect(r.failures).toEqual([]);
    expect(byPath('big.png')).toMatchObject({ width: 900, height: 800, sha256: sha(join(folder, 'big.png')) });
    expect(byPath('big.tif')).toMatchObject({ width: 700, height: 900, sha256: sha(join(folder, 'big.tif')) });
  });

  it('does not re-hash a file whose size and mtime are unchanged', async () => {
    const path = join(folder, 'a.png');
    const when = new Date('2024-01-02T03:04:05Z'); // whole seconds: utimes keeps them exactly
    utimesSync(path, when, when);
    await scanProject(project);
    const before = byPath('a.png').sha256;
    writeFileSync(path, tinyPng(10, 8, 99)); // same size, other bytes
    expect(statSync(path).size).toBe(byPath('a.png').sizeBytes);
    utimesSync(path, when, when);
    const r = await scanProject(project);
    expect(r).toMatchObject({ unchanged: 2, changed: 0 });
    expect(byPath('a.png').sha256).toBe(before);

    utimesSync(path, when, new Date(when.getTime() + 5000));
    const r2 = await scanProject(project);
    expect(r2).toMatchObject({ changed: 1 });
    expect(byPath('a.png').sha256).toBe(sha(path));
  });

  it('marks vanished files missing and restores their status when they come back', async () => {
    await scanProject(project);
    const a = byPath('a.png');
    setImageStatus(project, a.id, 'done');
    const saved = readFileSync(join(folder, 'a.png'));
    rmSync(join(folder, 'a.png'));
    expect(await scanProject(project)).toMatchObject({ missing: 1 });
    expect(byPath('a.png').status).toBe('missing');

    writeFileSync(join(folder, 'a.png'), saved);
    expect(await scanProject(project)).toMatchObject({ restored: 1, missing: 0 });
    expect(byPath('a.png')).toMatchObject({ id: a.id, status: 'done' });
  });

  it('re-links a renamed or moved file by hash, keeping its annotations', async () => {
    await scanProject(project);
    const a = byPath('a.png');
    const label = addLabel(project, { name: 'cat' });
    addAnnotations(project, a.id, [{ labelId: label.id, rle: fullMask(a), source: 'click' }]);
    mkdirSync(join(folder, 'moved'));
    renameSync(join(folder, 'a.png'), join(folder, 'moved', 'renamed.png'));
    const r = await scanProject(project);
    expect(r).toMatchObject({ relinked: 1, added: 0, missing: 0 });
    expect(byPath('moved/renamed.png').id).toBe(a.id);
    expect(listImageAnnotations(project, a.id)).toHaveLength(1);
    expect(findImageByPath(project.db, 'a.png')).toBeUndefined();
  });

  it('treats a copy (both files present) as a new image', async () => {
    await scanProject(project);
    copyFileSync(join(folder, 'a.png'), join(folder, 'copy.png'));
    expect(await scanProject(project)).toMatchObject({ added: 1, relinked: 0 });
    expect(byPath('copy.png').sha256).toBe(byPath('a.png').sha256);
    expect(byPath('copy.png').id).not.toBe(byPath('a.png').id);
  });

  it('reports unreadable files without entering them, and never modifies any image', async () => {
    writeFileSync(join(folder, 'broken.jpg'), 'not a jpeg');
    const files = ['a.png', 'sub/deep/B.PNG', 'broken.jpg'].map((f) => join(folder, f));
    const before = files.map((f) => [sha(f), statSync(f).mtimeMs]);
    const r = await scanProject(project);
    expect(r).toMatchObject({ added: 2, failed: 1 });
    expect(r.failures).toEqual([expect.objectContaining({ relPath: 'broken.jpg', code: 'ImageDecodeError' })]);
    expect(findImageByPath(project.db, 'broken.jpg')).toBeUndefined();
    expect(files.map((f) => [sha(f), statSync(f).mtimeMs])).toEqual(before);
  });

  it('works in batches and can be cancelled between them, marking nothing missing then', async () => {
    writeImages(folder, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`many/${i}.png`, [3, 3, i] as const])));
    await scanProject(project);
    rmSync(join(folder, 'a.png'));
    const progress: number[] = [];
    const controller = new AbortController();
    const r = await scanProject(project, {
      batchSize: 4,
      onProgress: (p) => {
        progress.push(p.files);
        if (p.files >= 8) controller.abort();
      },
      signal: controller.signal,
    });
    expect(r.cancelled).toBe(true);
    expect(progress).toEqual([4, 8]);
    expect(r.missing).toBe(0);
    expect(byPath('a.png').status).toBe('new');
  });

  it('keeps identical files apart, and re-links a file renamed while the project was closed', async () => {
    writeImages(folder, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`same/${i}.png`, [3, 3, 5] as const])));
    expect(await scanProject(project)).toMatchObject({ added: 32 });
    const old = byPath('same/7.png');
    renameSync(join(folder, 'same/7.png'), join(tmp.dir, 'away.png'));
    expect(await scanProject(project)).toMatchObject({ missing: 1 });
    renameSync(join(tmp.dir, 'away.png'), join(folder, 'back.png'));
    expect(await scanProject(project)).toMatchObject({ relinked: 1, added: 0 });
    expect(byPath('back.png')).toMatchObject({ id: old.id, status: 'new' });
  });

  it('checkpoints from a worker during a scan, then hands checkpoints back to SQLite', async () => {
    writeImages(folder, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`n/${i}.png`, [2, 2, i] as const])));
    const during: unknown[] = [];
    await scanProject(project, { batchSize: 16, onProgress: () => during.push(project.db.pragma('wal_autocheckpoint', { simple: true })) });
    expect(new Set(during)).toEqual(new Set([0]));
    expect(project.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(project.db.pragma('synchronous', { simple: true })).toBe(2);
    // The database file copied without its WAL holds only checkpointed pages: the rows must be there.
    const fileOnlyPath = join(tmp.dir, 'file-only.db');
    copyFileSync(project.paths.dbPath, fileOnlyPath);
    const fileOnly = new Database(fileOnlyPath, { readonly: true });
    expect(fileOnly.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 302 });
    fileOnly.close();
  });
});
