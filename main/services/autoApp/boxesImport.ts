/**
 * "Import boxes" in the app (auto:importBoxes): `samlabel boxes --into-project` as a background job.
 * Every project image the detections name gets its boxes' SAM masks as annotations flagged
 * needs_review, labelled with the detection's class (one undo step per image); images that already
 * have automatic masks are skipped, so a cancelled or failed import resumes where it stopped.
 * Engine calls take turns on the session's lane like AMG's (sessionEngine.ts), and cancellation is
 * checked between images, not forwarded to the engine (that would restart it).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isSamlabelError, SamlabelError, serializeError } from '../../../shared/errors.js';
import type { EngineClient } from '../../inference/engineClient.js';
import type { EngineSession } from '../app/engineSession.js';
import { boxesToMasks, type BoxMode } from '../boxes/boxesToMasks.js';
import type { DetectionSource } from '../boxes/detections.js';
import type { ImageRow } from '../store/imageQueries.js';
import type { StoreClient } from '../store/storeClient.js';
import type { BatchTask } from './jobs.js';

export interface BoxesImport {
  readonly source: DetectionSource;
  readonly mode: BoxMode;
  /** For detections whose class has no name (a bare class id): this label instead of the number. */
  readonly labelFallback?: string;
}

type Session = Pick<EngineSession, 'background'>;

/** boxesToMasks' engine on the session's lane: a turn that finds another image set puts this one back. */
function laneEngine(session: Session, path: string): Pick<EngineClient, 'setImage' | 'predict'> {
  const owner = `boxes:${randomUUID()}`;
  return {
    setImage: () => session.background(owner, (engine) => engine.setImage(path)),
    predict: (request) =>
      session.background(owner, async (engine, held) => {
        if (!held) await engine.setImage(path);
        return engine.predict(request);
      }),
  };
}

const PAGE = 1000;

async function projectImages(store: StoreClient): Promise<ImageRow[]> {
  const rows: ImageRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { total, images } = await store.call('listImages', {}, offset, PAGE);
    rows.push(...images);
    if (images.length === 0 || rows.length >= total) return rows.filter((r) => r.status !== 'missing');
  }
}

export async function runBoxesImport(session: Session, store: StoreClient, spec: BoxesImport, task: BatchTask): Promise<{ imagesDone: number; imagesTotal: number; records: number; changed: string[] }> {
  const folder = await store.call('currentFolder');
  if (folder === null) throw new SamlabelError('ProjectNotFound', 'no project is open');
  const images = await projectImages(store);
  const counts = { imagesDone: 0, imagesTotal: images.length };
  let records = 0;
  const changed: string[] = [];
  for (const image of images) {
    if (task.signal.aborted) throw new SamlabelError('EngineCancelled', 'box import cancelled');
    const imageId = String(image.id);
    try {
      const detections = await spec.source.forImage(image.relPath);
      if (detections && detections.length > 0 && !(await store.call('hasAutoMasks', image.id))) {
        const path = join(folder, ...image.relPath.split('/'));
        const result = await boxesToMasks(laneEngine(session, path), path, detections, spec.mode);
        await task.sameProject();
        const label = (name: string): string => (spec.labelFallback !== undefined && /^\d+$/.test(name) ? spec.labelFallback : name);
        const masks = result.masks.map((m) => ({ rle: m.rle, label: label(m.label), score: m.detectionScore, stability: m.stabilityScore, box: m.box }));
        records += await store.call('addReviewBoxMasks', image.id, masks);
        changed.push(imageId);
      }
    } catch (err) {
      // One unreadable image or label file does not stop the import; cancellation and a switched project do.
      if (task.signal.aborted || !isSamlabelError(err) || isSamlabelError(err, 'ProjectNotFound')) throw err;
      task.progress({ imageId, ...counts, error: serializeError(err) });
    }
    counts.imagesDone++;
    task.progress({ imageId, ...counts });
  }
  return { ...counts, records, changed };
}
