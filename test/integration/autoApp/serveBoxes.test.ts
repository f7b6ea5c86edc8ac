/**
 * auto:listDetections / auto:importBoxes over a real `samlabel serve` socket, with a real engine process
 * running the generated box decoder (test/helpers/tinyModels.ts): every candidate fills the prompt box,
 * so each imported mask IS its detector box, to a pixel. The project holds a YOLO label folder and a
 * COCO detections file; detections outside the folder (a sibling file, a symlinked label folder) and
 * the project's own exports must never be offered.
 */
import Database from 'better-sqlite3';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { startAutoServe, type AutoEvent, type AutoServe } from './autoServe.js';


let serve: AutoServe | undefined;
let client: SamlabelClient;
let folder: string;
let events: AutoEvent[];
let ids: Record<string, string>;

const yolo = (line: string) => `${line}\n`;

beforeAll(async () => {
  const root = tempDir('serve-boxes');
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  folder = join(root, 'photos');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  await writeTestImage(join(folder, 'a.jpg'), 200, 100);
  await writeTestImage(join(folder, 'sub', 'b.jpg'), 120, 80);
  await writeTestImage(join(folder, 'c.jpg'), 64, 64);
  // YOLO: a.jpg's boxes [50, 25, 150, 75] (car, 0.87) and [10, 10, 30, 90] (class 2: no name).
  mkdirSync(join(folder, 'labels'));
  writeFileSync(join(folder, 'labels', 'a.txt'), yolo('1 0.5 0.5 0.5 0.5 0.87') + yolo('2 0.1 0.5 0.1 0.8'));
  writeFileSync(join(folder, 'labels', 'classes.txt'), 'person\ncar\n');
  // COCO: sub/b.jpg's box [20, 20, 80, 60] (cat).
  const coco = { images: [{ id: 7, file_name: 'sub/b.jpg' }], annotations: [{ image_id: 7, category_id: 3, bbox: [20, 20, 60, 40], score: 0.5 }], categories: [{ id: 3, name: 'cat' }] };
  writeFileSync(join(folder, 'det.json'), JSON.stringify(coco));
  // A label folder with one good file (sub/b.jpg) and one the reader refuses (c.jpg).
  mkdirSync(join(folder, 'mixed'));
  writeFileSync(join(folder, 'mixed', 'b.txt'), yolo('0 0.5 0.5 0.5 0.5'));
  writeFileSync(join(folder, 'mixed', 'c.txt'), yolo('0 0.5 0.5'));
  writeFileSync(join(folder, 'notes.json'), '{"not": "detections"}');
  mkdirSync(join(folder, 'exports', 'coco-1'), { recursive: true });
  writeFileSync(join(folder, 'exports', 'coco-1', 'annotations.json'), JSON.stringify(coco));
  // Outside the project: a detections file beside it, and a label folder reached by a symlink inside.
  writeFileSync(join(root, 'outside.json'), JSON.stringify(coco));
  mkdirSync(join(root, 'outside-labels'));
  writeFileSync(join(root, 'outside-labels', 'c.txt'), yolo('0 0.5 0.5 0.5 0.5'));
  symlinkSync(join(root, 'outside-labels'), join(folder, 'linked'), 'dir');

  const models = tinyModels();
  serve = await startAutoServe(root, folder, models.encoder, models.box);
  ({ client, events, ids } = serve);
}, 60_000);

afterAll(async () => {
  await serve?.close();
});

const ended = (jobId: string): Promise<AutoEvent> => serve!.ended(jobId);

async function sourceId(name: string): Promise<string> {
  const { sources } = await client.auto.listDetections({});
  const found = sources.find((s) => s.name === name);
  if (!found) throw new Error(`${name} not listed`);
  return found.sourceId;
}

function near(bbox: readonly number[], want: readonly number[]): void {
  bbox.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(1));
}

function reviewRows(): unknown[] {
  const db = new Database(join(folder, '.samlabel', 'project.db'), { readonly: true });
  try {
    return db.prepare("SELECT a.source, a.review, l.name FROM annotations a JOIN labels l ON l.id = a.label_id ORDER BY a.id").all();
  } finally {
    db.close();
  }
}

describe('auto:listDetections / auto:importBoxes over the serve socket', () => {
  it('lists the YOLO folder and the COCO file inside the project, and nothing outside it or in exports', async () => {
    const { sources } = await client.auto.listDetections({});
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['det.json', 'coco'],
      ['labels/', 'yolo'],
      ['mixed/', 'yolo'],
    ]);
    expect(sources.every((s) => !s.sourceId.includes('/'))).toBe(true);
  });

  it('imports YOLO boxes as masks at the boxes, class names as labels, flagged needs_review; a second run skips', async () => {
    const { jobId } = await client.auto.importBoxes({ sourceId: await sourceId('labels/'), mode: 'single', labelFallback: 'thing' });
    expect(await ended(jobId)).toMatchObject({ phase: 'done', kind: 'batch', records: 2, imagesDone: 3, imagesTotal: 3 });
    const { annotations } = await client.annotations.list({ imageId: ids['a.jpg'] });
    const { labels } = await client.labels.list();
    const name = (labelId: string) => labels.find((l) => l.labelId === labelId)?.name;
    expect(annotations.map((a) => [name(a.labelId), a.source])).toEqual([
      ['car', 'auto'],
      ['thing', 'auto'],
    ]);
    near(annotations[0].bbox, [50, 25, 100, 50]);
    near(annotations[1].bbox, [10, 10, 20, 80]);
    expect(reviewRows()).toEqual([
      { source: 'auto', review: 'needs_review', name: 'car' },
      { source: 'auto', review: 'needs_review', name: 'thing' },
    ]);
    const again = await client.auto.importBoxes({ sourceId: await sourceId('labels/'), mode: 'single' });
    expect(await ended(again.jobId)).toMatchObject({ phase: 'done', records: 0 });
    expect((await client.annotations.list({ imageId: ids['a.jpg'] })).annotations).toHaveLength(2);
  });

  it('imports COCO detections with best-of-3 as one undo step per image', async () => {
    const { jobId } = await client.auto.importBoxes({ sourceId: await sourceId('det.json'), mode: 'best-of-3' });
    expect(await ended(jobId)).toMatchObject({ phase: 'done', records: 1 });
    const { annotations } = await client.annotations.list({ imageId: ids['sub/b.jpg'] });
    expect(annotations).toHaveLength(1);
    near(annotations[0].bbox, [20, 20, 60, 40]);
    const step = await client.history.undo({ scope: { imageId: ids['sub/b.jpg'] } });
    expect(step.description).toBe('boxes: 1 masks');
    expect((await client.annotations.list({ imageId: ids['sub/b.jpg'] })).annotations).toEqual([]);
  });

  it('reports an image whose label file is bad and imports the others', async () => {
    const { jobId } = await client.auto.importBoxes({ sourceId: await sourceId('mixed/'), mode: 'single' });
    expect(await ended(jobId)).toMatchObject({ phase: 'done', records: 1, imagesDone: 3 });
    const failures = events.filter((e) => e.jobId === jobId && e.error !== undefined);
    expect(failures.map((e) => [e.imageId, e.error?.code])).toEqual([[ids['c.jpg'], 'BadInput']]);
    near((await client.annotations.list({ imageId: ids['sub/b.jpg'] })).annotations[0].bbox, [30, 20, 60, 40]);
  });

  it('refuses a source id main did not list (a path is never a source)', async () => {
    const codes = await Promise.all(
      ['outside.json', join(folder, 'det.json'), 'nope'].map((id) => client.auto.importBoxes({ sourceId: id, mode: 'single' }).catch((e: { code: string }) => e.code)),
    );
    expect(codes).toEqual(['BadInput', 'BadInput', 'BadInput']);
  });
});
