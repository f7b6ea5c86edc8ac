/**
 * The gallery's queries: images in path order, filtered by status and label, paged, with their
 * annotation counts; the next / previous match from an image. Read-only SQL over the project database.
 */
import { SamlabelError } from '../../../shared/errors.js';
import type { Db } from '../../db/connection.js';
import type { ImageStatus } from '../../db/records.js';
import { cached } from '../../db/tableRows.js';

export interface ImageFilter {
  readonly status?: readonly ImageStatus[];
  readonly labelId?: number;
}

/** One image row as the app lists it. */
export interface ImageRow {
  readonly id: number;
  readonly relPath: string;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly status: ImageStatus;
  readonly annotationCount: number;
}

interface Row {
  id: number;
  rel_path: string;
  sha256: string;
  width: number;
  height: number;
  status: ImageStatus;
  n: number;
}

const SELECT = `SELECT i.id, i.rel_path, i.sha256, i.width, i.height, i.status,
  (SELECT count(*) FROM annotations a WHERE a.image_id = i.id) AS n FROM images i`;

const toImageRow = (r: Row): ImageRow => ({
  id: r.id,
  relPath: r.rel_path,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  status: r.status,
  annotationCount: r.n,
});

/** WHERE clause and parameters of a filter; statuses are bound, never spliced. */
function where(filter: ImageFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status && filter.status.length > 0) {
    parts.push(`i.status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.labelId !== undefined) {
    parts.push('EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = i.id AND a.label_id = ?)');
    params.push(filter.labelId);
  }
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

export function listImageRows(db: Db, filter: ImageFilter, offset: number, limit: number): { total: number; images: ImageRow[] } {
  const w = where(filter);
  const total = (cached(db, `SELECT count(*) AS n FROM images i${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = cached(db, `${SELECT}${w.sql} ORDER BY i.rel_path LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as Row[];
  return { total, images: rows.map(toImageRow) };
}

export function getImageRow(db: Db, id: number): ImageRow {
  const row = cached(db, `${SELECT} WHERE i.id = ?`).get(id) as Row | undefined;
  if (!row) throw new SamlabelError('ImageNotFound', `image ${id} is not in the project`);
  return toImageRow(row);
}

/** The first image after (or before) `fromId` in path order that matches the filter. */
export function findImageId(db: Db, fromId: number, direction: 'next' | 'previous', filter: ImageFilter): number | null {
  const from = getImageRow(db, fromId);
  const w = where(filter);
  const [cmp, order] = direction === 'next' ? ['>', 'ASC'] : ['<', 'DESC'];
  const glue = w.sql === '' ? ' WHERE' : `${w.sql} AND`;
  const sql = `SELECT i.id FROM images i${glue} i.rel_path ${cmp} ? ORDER BY i.rel_path ${order} LIMIT 1`;
  const row = cached(db, sql).get(...w.params, from.relPath) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Annotation count per label id. */
export function labelUsage(db: Db): Map<number, number> {
  const rows = cached(db, 'SELECT label_id AS id, count(*) AS n FROM annotations GROUP BY label_id').all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
