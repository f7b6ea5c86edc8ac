import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeError, type ErrorCode } from '../../../shared/errors.js';
import { flagMasksOfOtherSize } from '../../db/annotations.js';
import { BackgroundCheckpointer } from '../../db/backgroundCheckpoint.js';
import { writeTransaction, type Db } from '../../db/connection.js';
import {
  findImageByPath,
  getImage,
  insertScannedImage,
  markImageSeen,
  markUnseenMissing,
  maxImageId,
  refreshScannedImage,
  relinkCandidates,
  type ScannedFile,
} from '../../db/images.js';
import { getMeta, setMeta } from '../../db/meta.js';
import type { ImageRecord } from '../../db/records.js';
import type { Project } from './project.js';
import { inspectImageFile } from './scanInspect.js';
import { scanExcludes } from './scanExcludes.js';
import { walkImages } from './scanWalk.js';

export interface ScanOptions {
  /** Files per transaction; between batches the scan yields to the event loop. */
  readonly batchSize?: number;
  /** Files stat'ed / hashed at once. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ScanCounts) => void;
  /** Stops after the current batch; files not reached are then not marked missing. */
  readonly signal?: AbortSignal;
}

export interface ScanCounts {
  /** Image files found on disk so far. */
  files: number;
  added: number;
  /** Same path, new content. */
  changed: number;
  /** A new path whose content is a vanished image's: the old row (and its annotations) moved. */
  relinked: number;
  /** Missing images found again. */
  restored: number;
  unchanged: number;
  /** Newly marked missing at the end of a complete scan. */
  missing: number;
  failed: number;
  /** Known images whose file now has another pixel size (their masks no longer fit). */
  resized: number;
  /** Annotations newly flagged 'needs_review' because their mask is not the image's size. */
  needsReview: number;
}

export interface ScanFailure {
  readonly relPath: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface ScanResult extends ScanCounts {
  /** The first MAX_FAILURES files that could not be read or probed (not entered in the project). */
  readonly failures: ScanFailure[];
  /** The first MAX_FAILURES images whose pixel size changed, with their old and new sizes. */
  readonly resizedImages: ResizedImage[];
  readonly cancelled: boolean;
}

export interface ResizedImage {
  readonly relPath: string;
  readonly from: { readonly width: number; readonly height: number };
  readonly to: { readonly width: number; readonly height: number };
}

const MAX_FAILURES = 100;
/** Image ids per missing-marking transaction. */
const MISSING_SLICE = 2000;

interface ScanContext {
  readonly db: Db;
  readonly root: string;
  readonly concurrency: number;
  /** Stamped on every image this scan finds (images.last_seen_scan); the rest go missing at the end. */
  readonly generation: number;
  /** Rows claimed by a file of the current batch, before its transaction stamps them. */
  readonly claimed: Set<number>;
  readonly counts: ScanCounts;
  readonly failures: ScanFailure[];
  readonly resized: ResizedImage[];
}

/** Work decided for one file before the batch's transaction. */
type FilePlan =
  | { readonly kind: 'seen'; readonly id: number; readonly wasMissing: boolean }
  | { readonly kind: 'scanned'; readonly file: ScannedFile; readonly targetId: number | undefined };

/**
 * Brings the images table in line with the folder: incremental (a file whose size and mtime are
 * unchanged is not read again), streaming (the walk never lists the whole tree), batched (one
 * transaction per batch, then a yield so the app stays responsive). Images are only read, never
 * modified or moved. Scan writes are not edits: they are not journaled and cannot be undone.
 */
export async function scanProject(project: Project, opts: ScanOptions = {}): Promise<ScanResult> {
  project.assertWritable();
  const ctx: ScanContext = {
    db: project.db,
    root: project.paths.folder,
    concurrency: opts.concurrency ?? 16,
    generation: nextGeneration(project.db),
    claimed: new Set(),
    counts: { files: 0, added: 0, changed: 0, relinked: 0, restored: 0, unchanged: 0, missing: 0, failed: 0, resized: 0, needsReview: 0 },
    failures: [],
    resized: [],
  };
  // A scan can be re-run, so it trades power-loss durability of its last batches (never
  // corruption: WAL) for commits that do not fsync, and checkpoints (which do) move to a worker:
  // either fsync on the main thread stalls the event loop on a busy disk.
  project.db.pragma('synchronous = NORMAL');
  const checkpointer = BackgroundCheckpointer.start(project.db);
  try {
    const cancelled = await scanFiles(ctx, opts, () => checkpointer?.request());
    if (!cancelled) await markMissing(ctx);
    return { ...ctx.counts, failures: ctx.failures, resizedImages: ctx.resized, cancelled };
  } finally {
    await checkpointer?.stop();
    project.db.pragma('synchronous = FULL');
  }
}

function nextGeneration(db: Db): number {
  return writeTransaction(db, () => {
    const next = Number(getMeta(db, 'scanGeneration') ?? 0) + 1;
    setMeta(db, 'scanGeneration', String(next));
    return next;
  });
}

async function scanFiles(ctx: ScanContext, opts: ScanOptions, afterBatch: () => void): Promise<boolean> {
  // Small enough that one batch's synchronous part (lookups, one transaction) stays a few ms.
  const batchSize = opts.batchSize ?? 128;
  let batch: string[] = [];
  for await (const relPath of walkImages(ctx.root, { excludes: scanExcludes(ctx.db) })) {
    batch.push(relPath);
    if (batch.length < batchSize) continue;
    await processBatch(ctx, batch);
    afterBatch();
    batch = [];
    opts.onProgress?.({ ...ctx.counts });
    if (opts.signal?.aborted) return true;
    await yieldToEventLoop();
  }
  if (batch.length > 0) await processBatch(ctx, batch);
  opts.onProgress?.({ ...ctx.counts });
  return false;
}

async function processBatch(ctx: ScanContext, relPaths: string[]): Promise<void> {
  ctx.counts.files += relPaths.length;
  const stats = await mapLimit(relPaths, ctx.concurrency, (relPath) => statFile(ctx, relPath));
  const plans: FilePlan[] = [];
  const toInspect: { relPath: string; size: number; mtimeMs: number; existingId: number | undefined }[] = [];
  for (const s of stats) {
    if (!s) continue;
    const existing = findImageByPath(ctx.db, s.relPath);
    if (existing && existing.sizeBytes === s.size && existing.mtimeMs === s.mtimeMs) {
      plans.push({ kind: 'seen', id: existing.id, wasMissing: existing.status === 'missing' });
    } else {
      toInspect.push({ ...s, existingId: existing?.id });
    }
  }
  const scanned = await mapLimit(toInspect, ctx.concurrency, (f) => inspect(ctx, f.relPath, f.size, f.mtimeMs));
  ctx.claimed.clear();
  for (const [i, file] of scanned.entries()) {
    const existingId = toInspect[i].existingId;
    // An unreadable file at a known path keeps its row as it was: it is there, just not usable now.
    if (!file && existingId !== undefined) plans.push({ kind: 'seen', id: existingId, wasMissing: false });
    if (!file) continue;
    const targetId = existingId ?? (await findRelinkTarget(ctx, file));
    if (targetId !== undefined) ctx.claimed.add(targetId);
    plans.push({ kind: 'scanned', file, targetId });
  }
  writeTransaction(ctx.db, () => applyPlans(ctx, plans));
}

function applyPlans(ctx: ScanContext, plans: FilePlan[]): void {
  const now = Date.now();
  for (const p of plans) {
    if (p.kind === 'seen') {
      markImageSeen(ctx.db, p.id, ctx.generation, now);
      count(ctx, p.wasMissing ? 'restored' : 'unchanged');
    } else if (p.targetId === undefined) {
      insertScannedImage(ctx.db, p.file, ctx.generation, now);
      count(ctx, 'added');
    } else {
      refreshKnownImage(ctx, p.targetId, p.file, now);
    }
  }
}

/**
 * A known image row takes the file as scanned now. When the file's pixel size is not its masks'
 * (a photo replaced by a resized one), the masks are kept but flagged 'needs_review': exporting
 * them as they are would put shapes of another image on this one.
 */
function refreshKnownImage(ctx: ScanContext, id: number, file: ScannedFile, now: number): void {
  const row = getImage(ctx.db, id);
  if (row) countRefresh(ctx, row, file);
  refreshScannedImage(ctx.db, id, file, ctx.generation, now);
  const resized = row !== undefined && (row.width !== file.width || row.height !== file.height);
  if (resized) {
    count(ctx, 'resized');
    const size = (r: { width: number; height: number }) => ({ width: r.width, height: r.height });
    if (ctx.resized.length < MAX_FAILURES) ctx.resized.push({ relPath: file.relPath, from: size(row), to: size(file) });
  }
  const reason = resized
    ? `image size changed from ${row.width}x${row.height} to ${file.width}x${file.height}`
    : `mask size differs from the image (${file.width}x${file.height})`;
  ctx.counts.needsReview += flagMasksOfOtherSize(ctx.db, id, file.height, file.width, reason);
}

/** Classifies a refresh before it happens: a move, a content change, or only a new mtime. */
function countRefresh(ctx: ScanContext, row: ImageRecord, file: ScannedFile): void {
  if (row.relPath !== file.relPath) count(ctx, 'relinked');
  else if (row.sha256 !== file.sha256) count(ctx, 'changed');
  else count(ctx, row.status === 'missing' ? 'restored' : 'unchanged');
}

const count = (ctx: ScanContext, key: keyof ScanCounts): void => {
  ctx.counts[key] += 1;
};

/**
 * A new path whose bytes equal an image that is no longer where it was: a rename or a move. The
 * old row takes the new path and keeps its id, so its annotations follow. An old file still on disk
 * means a copy, which becomes an image of its own.
 */
async function findRelinkTarget(ctx: ScanContext, file: ScannedFile): Promise<number | undefined> {
  for (const candidate of relinkCandidates(ctx.db, file.sha256, ctx.generation)) {
    if (ctx.claimed.has(candidate.id)) continue;
    if (candidate.status === 'missing' || !(await exists(join(ctx.root, candidate.relPath)))) return candidate.id;
  }
  return undefined;
}

/** What this (complete) scan did not find is missing, in batches so the event loop keeps turning. */
async function markMissing(ctx: ScanContext): Promise<void> {
  const last = maxImageId(ctx.db);
  for (let from = 1; from <= last; from += MISSING_SLICE) {
    const to = from + MISSING_SLICE;
    ctx.counts.missing += writeTransaction(ctx.db, () => markUnseenMissing(ctx.db, ctx.generation, Date.now(), from, to));
    await yieldToEventLoop();
  }
}

async function statFile(ctx: ScanContext, relPath: string): Promise<{ relPath: string; size: number; mtimeMs: number } | null> {
  try {
    const st = await stat(join(ctx.root, relPath));
    return { relPath, size: st.size, mtimeMs: st.mtimeMs };
  } catch (err) {
    fail(ctx, relPath, err);
    return null;
  }
}

async function inspect(ctx: ScanContext, relPath: string, size: number, mtimeMs: number): Promise<ScannedFile | null> {
  try {
    const info = await inspectImageFile(join(ctx.root, relPath), size, relPath);
    return { relPath, sizeBytes: size, mtimeMs, ...info };
  } catch (err) {
    fail(ctx, relPath, err);
    return null;
  }
}

function fail(ctx: ScanContext, relPath: string, err: unknown): void {
  ctx.counts.failed += 1;
  if (ctx.failures.length < MAX_FAILURES) ctx.failures.push({ relPath, ...serializeError(err) });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolvePromise) => setImmediate(resolvePromise));

/** Maps with at most `limit` promises in flight, keeping input order. */
async function mapLimit<A, B>(items: readonly A[], limit: number, fn: (a: A) => Promise<B>): Promise<B[]> {
  const out = new Array<B>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
