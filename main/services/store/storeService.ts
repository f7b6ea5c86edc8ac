/**
 * Everything the app asks of the project store, as methods of one object that lives INSIDE the store
 * worker (storeWorker.ts) and owns the project's SQLite connection and writer lock. better-sqlite3 is
 * synchronous, so nothing here may run on the Electron main thread or the serve event loop: callers
 * go through StoreClient, whose typed `call(method, ...args)` mirrors these signatures.
 */
import { basename, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { SamlabelError } from '../../../shared/errors.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { countAnnotations } from '../../db/annotations.js';
import type { ChangeSummary } from '../../db/history.js';
import { countImagesByStatus } from '../../db/images.js';
import { listLabels } from '../../db/labels.js';
import type { ImageStatus } from '../../db/records.js';
import { setImageStatus } from '../annotations/annotations.js';
import { markImageReviewed } from '../annotations/review.js';
import { historyState, redoEdit, undoEdit, type UndoScope } from '../history/history.js';
import { projectPaths } from '../projects/paths.js';
import { Project } from '../projects/project.js';
import { scanProject, type ScanCounts, type ScanResult } from '../projects/scan.js';
import { withRecoverHint } from '../projects/withProject.js';
import * as edits from './editOps.js';
import * as autoOps from '../autoApp/storeOps.js';
import { findImageId, getImageRow, listImageRows, type ImageFilter, type ImageRow } from './imageQueries.js';

export interface ProjectSummaryOut {
  readonly projectId: string;
  readonly name: string;
  readonly folder: string;
  readonly imageCount: number;
  readonly images: Record<ImageStatus, number>;
  readonly labelCount: number;
  readonly annotationCount: number;
}

export interface ImageLocation extends ImageRow {
  readonly folder: string;
  /** Where this project's thumbnails and transcoded images are cached (beside the database). */
  readonly thumbsDir: string;
}

export interface HistoryStep {
  readonly description: string;
  readonly imageIds: string[];
  readonly state: { undo: string | null; redo: string | null };
}

/** The counts the contract's `scan` event carries: a scan result's counts without the rest of the result. */
export type ScanCountsOut = ScanCounts;

export function pickCounts(c: Partial<ScanCounts>): ScanCountsOut {
  const n = (v: number | undefined): number => v ?? 0;
  return {
    files: n(c.files),
    added: n(c.added),
    changed: n(c.changed),
    relinked: n(c.relinked),
    restored: n(c.restored),
    unchanged: n(c.unchanged),
    missing: n(c.missing),
    failed: n(c.failed),
    resized: n(c.resized),
    needsReview: n(c.needsReview),
  };
}

export class StoreService {
  private project: Project | undefined;
  private scanning: { controller: AbortController; done: Promise<ScanResult> } | undefined;

  constructor(private readonly emit: (event: AppEvent) => void) {}

  private get open(): Project {
    if (!this.project) throw new SamlabelError('ProjectNotFound', 'no project is open');
    return this.project;
  }

  /** Opens `folder` (creating its project on first use), closing the one open before. */
  openProject(folder: string): ProjectSummaryOut {
    this.closeProject();
    const fresh = !existsSync(projectPaths(folder).dbPath);
    try {
      this.project = fresh ? Project.init(folder, { command: 'samlabel app' }) : Project.open(folder, { command: 'samlabel app' });
    } catch (err) {
      throw withRecoverHint(err, folder);
    }
    return this.summary();
  }

  closeProject(): void {
    this.scanning?.controller.abort();
    this.project?.close();
    this.project = undefined;
  }

  summary(): ProjectSummaryOut {
    const { db, paths } = this.open;
    const images = countImagesByStatus(db);
    return {
      projectId: paths.dbPath,
      name: basename(paths.folder),
      folder: paths.folder,
      imageCount: Object.values(images).reduce((a, b) => a + b, 0),
      images,
      labelCount: listLabels(db).length,
      annotationCount: countAnnotations(db),
    };
  }

  currentFolder(): string | null {
    return this.project?.paths.folder ?? null;
  }

  /** Where the open project keeps its embeddings (the engine's disk cache follows the project). */
  embeddingsDir(): string {
    return this.open.paths.embeddingsDir;
  }

  /** One scan at a time: a second call joins the running one. Progress goes out as `scan` events. */
  scan(): Promise<ScanResult> {
    if (this.scanning) return this.scanning.done;
    const controller = new AbortController();
    let last = pickCounts({});
    const onProgress = (counts: ScanCounts): void => {
      last = pickCounts(counts);
      this.emit({ type: 'scan', phase: 'progress', counts: last });
    };
    const done = scanProject(this.open, { signal: controller.signal, onProgress })
      .then((result) => {
        this.emit({ type: 'scan', phase: result.cancelled ? 'cancelled' : 'done', counts: pickCounts(result) });
        this.emit({ type: 'project', change: 'images' });
        return result;
      })
      .catch((err: unknown) => {
        this.emit({ type: 'scan', phase: 'failed', counts: last, error: { code: 'Internal', message: String(err) } });
        throw err;
      })
      .finally(() => (this.scanning = undefined));
    this.scanning = { controller, done };
    return done;
  }

  cancelScan(): boolean {
    if (!this.scanning) return false;
    this.scanning.controller.abort();
    return true;
  }

  listImages(filter: ImageFilter, offset: number, limit: number): { total: number; images: ImageRow[] } {
    return listImageRows(this.open.db, filter, offset, limit);
  }

  findImage(fromId: number, direction: 'next' | 'previous', filter: ImageFilter): number | null {
    return findImageId(this.open.db, fromId, direction, filter);
  }

  /** An image of the open project and where its file is: how main finds pixels by id, never by a path it was sent. */
  locateImage(id: number): ImageLocation {
    const { paths, db } = this.open;
    // Beside the database like the project's other companions: a read-only image folder is never written to.
    const thumbsDir = paths.dbInFolder ? join(dirname(paths.dbPath), 'thumbs') : `${paths.dbPath.replace(/\.db$/i, '')}-thumbs`;
    return { ...getImageRow(db, id), folder: paths.folder, thumbsDir };
  }

  setImageStatus(id: number, status: Exclude<ImageStatus, 'missing'>): ImageRow {
    setImageStatus(this.open, id, status);
    return getImageRow(this.open.db, id);
  }

  listAnnotations(imageId: number): edits.AnnotationOut[] {
    getImageRow(this.open.db, imageId);
    return edits.listAnnotationsOut(this.open, imageId);
  }

  accept(input: edits.AcceptInput): edits.AnnotationOut {
    return edits.acceptCandidate(this.open, input);
  }

  /** Automatic masks the person accepted in the Auto panel (one undo step). */
  acceptAutoMasks(imageId: number, labelId: number, masks: autoOps.AutoMask[]): edits.AnnotationOut[] {
    return autoOps.acceptAutoMasks(this.open, imageId, labelId, masks);
  }

  /** A background batch's masks, flagged needs_review; `labelId` null means the label 'object'. */
  addReviewAutoMasks(imageId: number, labelId: number | null, masks: autoOps.AutoMask[]): number {
    return autoOps.addReviewAutoMasks(this.open, imageId, labelId, masks);
  }

  /** Detector boxes' masks of one image (auto:importBoxes), labelled by class, flagged needs_review. */
  addReviewBoxMasks(imageId: number, masks: autoOps.BoxMaskIn[]): number {
    return autoOps.addReviewBoxMasks(this.open, imageId, masks);
  }

  hasAutoMasks(imageId: number): boolean {
    return autoOps.hasAutoAnnotations(this.open, imageId);
  }

  updateAnnotation(id: number, edit: edits.AnnotationEdit): edits.AnnotationOut {
    return edits.updateAnnotationOut(this.open, id, edit);
  }

  /** Clears the needs-review flag of an image's annotations (one undo step); how many were cleared. */
  markImageReviewed(imageId: number): number {
    return markImageReviewed(this.open, imageId);
  }

  deleteAnnotations(ids: number[]): number {
    return edits.deleteAnnotationIds(this.open, ids);
  }

  reorderAnnotations(imageId: number, ids: number[]): edits.AnnotationOut[] {
    return edits.reorderAnnotations(this.open, imageId, ids);
  }

  listLabels(): edits.LabelOut[] {
    return edits.listLabelsOut(this.open);
  }

  editLabel(edit: edits.LabelEdit): edits.LabelOut {
    return edits.editLabel(this.open, edit);
  }

  removeLabel(labelId: number, opts: { cascade?: boolean; reassignTo?: number }): number {
    return edits.removeLabelById(this.open, labelId, opts);
  }

  undo(scope: UndoScope): HistoryStep {
    return this.step(undoEdit(this.open, scope), scope);
  }

  redo(scope: UndoScope): HistoryStep {
    return this.step(redoEdit(this.open, scope), scope);
  }

  historyState(scope: UndoScope): { undo: string | null; redo: string | null } {
    return historyState(this.open, scope);
  }

  private step(change: ChangeSummary, scope: UndoScope): HistoryStep {
    return { description: change.description, imageIds: change.imageIds.map(String), state: historyState(this.open, scope) };
  }
}

/** The methods StoreClient may call: every public method of StoreService. */
export type StoreMethod = {
  [K in keyof StoreService]: StoreService[K] extends (...args: never[]) => unknown ? K : never;
}[keyof StoreService];

export const STORE_METHODS: readonly StoreMethod[] = Object.getOwnPropertyNames(StoreService.prototype).filter(
  (name): name is StoreMethod => name !== 'constructor' && name !== 'open' && name !== 'step',
);
