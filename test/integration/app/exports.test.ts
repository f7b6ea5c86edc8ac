/** App exports: each in its own worker, reported as events, cancellable. */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { ExportManager } from '../../../main/services/app/exports.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { startExportWorker } from '../../../main/services/store/storeClient.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

async function project(): Promise<string> {
  const folder = join(tempDir('exports'), 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'a.jpg'), 16, 12);
  const p = Project.init(folder);
  await scanProject(p);
  p.close();
  return folder;
}

function manager() {
  const events: AppEvent[] = [];
  let settle: (e: AppEvent) => void = () => undefined;
  const ended = new Promise<AppEvent>((resolve) => (settle = resolve));
  const exports = new ExportManager((onEvent) => startExportWorker({ onEvent }), (event) => {
    events.push(event);
    if (event.type === 'export' && event.phase !== 'started' && event.phase !== 'progress') settle(event);
  });
  return { exports, events, ended };
}

describe('ExportManager', () => {
  it('writes under the project’s exports/ folder, never where the page says, and reports start and end', async () => {
    const folder = await project();
    const { exports, events, ended } = manager();
    const { exportId, outDir } = exports.start(folder, { format: 'coco' }, new Date('2026-01-02T03:04:05Z'));
    expect(outDir.startsWith(join(folder, 'exports', 'coco-2026-01-02T03-04-05-'))).toBe(true);
    expect(await ended).toMatchObject({ type: 'export', exportId, phase: 'done', images: 1, annotations: 0 });
    expect(events[0]).toMatchObject({ exportId, phase: 'started' });
    // The last image is always reported, so a progress bar ends full before "done".
    expect(events.filter((e) => e.type === 'export' && e.phase === 'progress').at(-1)).toMatchObject({ exportId, images: 1, imagesTotal: 1 });
    expect(readdirSync(outDir).length).toBeGreaterThan(0);
  });

  it('cancels by terminating the worker: a cancelled event, no output', async () => {
    const folder = await project();
    const { exports, ended } = manager();
    const { exportId, outDir } = exports.start(folder, { format: 'coco' });
    expect(await exports.cancel(exportId)).toBe(true);
    expect(await ended).toMatchObject({ exportId, phase: 'cancelled' });
    expect(existsSync(outDir)).toBe(false);
    expect(await exports.cancel(exportId)).toBe(false);
  });
});
