import type { Db } from './connection.js';
import type { ImageRecord, ImageStatus } from './records.js';
import { cached, type Row } from './tableRows.js';

interface ImageRow {
  id: number;
  rel_path: string;
  sha256: string;
  size_bytes: number;
  mtime_ms: number;
  width: number;
  height: number;
  status: ImageStatus;
  status_before_missing: ImageStatus | null;
}

export function toImageRecord(r: ImageRow | Row): ImageRecord {
  const row = r as ImageRow;
  return {
    id: row.id,
    relPath: row.rel_path,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    mtimeMs: row.mtime_ms,
    width: row.width,
    height: row.height,
    status: row.status,
  };
}

export function getImage(db: Db, id: number): ImageRecord | undefined {
  const row = cached(db, 'SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
  return row && toImageRecord(row);
}

export function findImageByPath(db: Db, relPath: string): ImageRecord | undefined {
  const row = cached(db, 'SELECT * FROM images WHERE rel_path = ?').get(relPath) as ImageRow | undefined;
  return row && toImageRecord(row);
}

/** Images in path order; `iterate` keeps 100k rows out of memory for callers that stream. */
export function iterateImages(db: Db): IterableIterator<ImageRecord> {
  const rows = cached(db, 'SELECT * FROM images ORDER BY rel_path').iterate() as IterableIterator<ImageRow>;
  return mapIter(rows, toImageRecord);
}

function* mapIter<A, B>(it: IterableIterator<A>, fn: (a: A) => B): IterableIterator<B> {
  for (const a of it) yield fn(a);
}

export function countImagesByStatus(db: Db): Record<ImageStatus, number> {
  const counts: Record<ImageStatus, number> = { new: 0, in_progress: 0, done: 0, skipped: 0, missing: 0 };
  const rows = cached(db, 'SELECT status, count(*) AS n FROM images GROUP BY status').all() as { status: ImageStatus; n: number }[];
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** What a scan learned about one file on disk. */
export interface ScannedFile {
  readonly relPath: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly width: number;
  readonly height: number;
}

export function insertScannedImage(db: Db, f: ScannedFile, scan: number, now: number): number {
  const info = cached(
    db,
    `INSERT INTO images (rel_path, sha256, size_bytes, mtime_ms, width, height, status, last_seen_scan, added_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)`,
  ).run(f.relPath, f.sha256, f.sizeBytes, f.mtimeMs, f.width, f.height, scan, now, now);
  return Number(info.lastInsertRowid);
}

/**
 * Points row `id` at the file as scanned now (changed content, or a rename re-linked by hash) and
 * brings a missing image back with the status it had before it went missing.
 */
export function refreshScannedImage(db: Db, id: number, f: ScannedFile, scan: number, now: number): void {
  cached(
    db,
    `UPDATE images SET rel_path = ?, sha256 = ?, size_bytes = ?, mtime_ms = ?, width = ?, height = ?, last_seen_scan = ?,
       status = CASE WHEN status = 'missing' THEN coalesce(status_before_missing, 'new') ELSE status END,
       status_before_missing = NULL, updated_at = ?
     WHERE id = ?`,
  ).run(f.relPath, f.sha256, f.sizeBytes, f.mtimeMs, f.width, f.height, scan, now, id);
}

/** An unchanged file: stamped as found by this scan, and back from missing if it was. */
export function markImageSeen(db: Db, id: number, scan: number, now: number): void {
  cached(
    db,
    `UPDATE images SET last_seen_scan = ?,
       updated_at = CASE WHEN status = 'missing' THEN ? ELSE updated_at END,
       status = CASE WHEN status = 'missing' THEN coalesce(status_before_missing, 'new') ELSE status END,
       status_before_missing = NULL
     WHERE id = ?`,
  ).run(scan, now, id);
}

/**
 * Rows with this content that scan `scan` has not found (yet): where a renamed file may come from.
 * Missing ones first; capped, since identical files are interchangeable and may be thousands.
 */
export function relinkCandidates(db: Db, sha256: string, scan: number): ImageRecord[] {
  const sql = "SELECT * FROM images WHERE sha256 = ? AND last_seen_scan < ? ORDER BY status = 'missing' DESC, id LIMIT 16";
  return (cached(db, sql).all(sha256, scan) as ImageRow[]).map(toImageRecord);
}

/**
 * Marks the images with ids in [fromId, toId) that scan `scan` did not find as missing; returns how
 * many. By id range, so each call touches a bounded slice of the table (no full scan per call).
 */
export function markUnseenMissing(db: Db, scan: number, now: number, fromId: number, toId: number): number {
  return cached(
    db,
    `UPDATE images SET status_before_missing = status, status = 'missing', updated_at = ?
     WHERE id >= ? AND id < ? AND last_seen_scan < ? AND status != 'missing'`,
  ).run(now, fromId, toId, scan).changes;
}

export function maxImageId(db: Db): number {
  return (cached(db, 'SELECT coalesce(max(id), 0) AS n FROM images').get() as { n: number }).n;
}
