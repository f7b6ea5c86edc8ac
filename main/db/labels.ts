import type { Db } from './connection.js';
import type { LabelClass } from './records.js';
import { cached, type Row } from './tableRows.js';

interface LabelRow {
  id: number;
  name: string;
  color: string;
  sort_order: number;
  hotkey: string | null;
  supercategory: string;
}

export function toLabelClass(r: LabelRow | Row): LabelClass {
  const row = r as LabelRow;
  return { id: row.id, name: row.name, color: row.color, order: row.sort_order, hotkey: row.hotkey, supercategory: row.supercategory };
}

export function listLabels(db: Db): LabelClass[] {
  return (cached(db, 'SELECT * FROM labels ORDER BY sort_order, id').all() as LabelRow[]).map(toLabelClass);
}

/** Label names are unique without regard to case ('Cat' and 'cat' are one class). */
export function findLabelByName(db: Db, name: string): LabelClass | undefined {
  const row = cached(db, 'SELECT * FROM labels WHERE name = ? COLLATE NOCASE').get(name) as LabelRow | undefined;
  return row && toLabelClass(row);
}

export function findLabelByHotkey(db: Db, hotkey: string): LabelClass | undefined {
  const row = cached(db, 'SELECT * FROM labels WHERE hotkey = ?').get(hotkey) as LabelRow | undefined;
  return row && toLabelClass(row);
}

export function nextLabelOrder(db: Db): number {
  return (cached(db, 'SELECT coalesce(max(sort_order) + 1, 0) AS n FROM labels').get() as { n: number }).n;
}

export function countLabelUsage(db: Db, labelId: number): number {
  return (cached(db, 'SELECT count(*) AS n FROM annotations WHERE label_id = ?').get(labelId) as { n: number }).n;
}

export function annotationIdsWithLabel(db: Db, labelId: number): number[] {
  return cached(db, 'SELECT id FROM annotations WHERE label_id = ? ORDER BY id').pluck().all(labelId) as number[];
}
