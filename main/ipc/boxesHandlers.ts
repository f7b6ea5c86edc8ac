/**
 * auto:listDetections / auto:importBoxes (shared/ipc/autoContract.ts). The page never names a file:
 * listing hands out opaque ids for detection sources main found inside the open project folder, and
 * an import takes only such an id, refused once another project is open.
 */
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../shared/errors.js';
import type { AppServices } from '../services/app/appServices.js';
import { runBoxesImport } from '../services/autoApp/boxesImport.js';
import { listDetectionSources, type DetectionSourceFile } from '../services/autoApp/detectionSources.js';
import type { AutoJobs } from '../services/autoApp/jobs.js';
import { openDetections } from '../services/boxes/detections.js';
import type { Handlers } from './register.js';

interface Listed extends DetectionSourceFile {
  readonly folder: string;
}

export function boxesHandlers(app: AppServices, jobs: AutoJobs) {
  let listed = new Map<string, Listed>();
  const openFolder = async (): Promise<string> => {
    const folder = await app.store.call('currentFolder');
    if (folder === null) throw new SamlabelError('ProjectNotFound', 'no project is open');
    return folder;
  };
  return {
    'auto:listDetections': async () => {
      const folder = await openFolder();
      const found = await listDetectionSources(folder);
      listed = new Map(found.map((s) => [randomUUID(), { ...s, folder }]));
      const name = (s: Listed) => (s.relPath === '' ? `${basename(folder)}/` : s.kind === 'yolo' ? `${s.relPath}/` : s.relPath);
      return { sources: [...listed].map(([sourceId, s]) => ({ sourceId, name: name(s), kind: s.kind })) };
    },
    'auto:importBoxes': async ({ sourceId, mode, labelFallback }) => {
      const s = listed.get(sourceId);
      if (!s) throw new SamlabelError('BadInput', `detection source ${sourceId} is not one main listed`);
      if (s.folder !== (await openFolder())) throw new SamlabelError('ProjectNotFound', 'another project was opened since the detections were listed');
      const source = await openDetections(s.relPath === '' ? s.folder : join(s.folder, ...s.relPath.split('/')));
      const jobId = await jobs.startTask(async (task) => {
        const { changed, ...done } = await runBoxesImport(app.session, app.store, { source, mode, labelFallback }, task);
        if (changed.length > 0) app.emit({ type: 'project', change: 'images', imageIds: changed });
        return done;
      });
      return { jobId };
    },
  } satisfies Partial<Handlers>;
}
