import { SamlabelError } from '../../../shared/errors.js';
import type { Db } from '../../db/connection.js';
import { findLabelByHotkey, findLabelByName } from '../../db/labels.js';
import type { LabelClass } from '../../db/records.js';

/** Distinct, readable on photos; a new label takes the next one unless given a colour. */
export const LABEL_PALETTE = [
  '#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#fabebe',
  '#008080', '#e6beff', '#9a6324', '#fffac8', '#800000', '#aaffc3', '#808000', '#ffd8b1', '#000075', '#808080',
] as const;

export function paletteColor(order: number): string {
  return LABEL_PALETTE[((order % LABEL_PALETTE.length) + LABEL_PALETTE.length) % LABEL_PALETTE.length];
}

export function requireLabel(db: Db, name: string): LabelClass {
  const label = findLabelByName(db, name);
  if (!label) throw new SamlabelError('LabelNotFound', `no label named "${name}"`);
  return label;
}

export function checkLabelName(name: string): string {
  const clean = name.trim();
  if (clean === '' || clean.length > 200 || /\p{Cc}/u.test(clean)) {
    throw new SamlabelError('BadInput', `label name must be 1 to 200 printable characters, got "${name}"`);
  }
  return clean;
}

/** A free name: LabelExists otherwise (`except` is the label being renamed, which may change case). */
export function requireFreeName(db: Db, name: string, except?: number): void {
  const other = findLabelByName(db, name);
  if (other && other.id !== except) {
    throw new SamlabelError('LabelExists', `a label named "${other.name}" already exists (merge into it with \`labels merge\`)`);
  }
}

export function checkColor(color: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) throw new SamlabelError('BadInput', `colour must be #rrggbb, got "${color}"`);
  return color.toLowerCase();
}

/** A hotkey is one character (not a space), unused by another label. */
export function checkHotkey(db: Db, hotkey: string | null, except?: number): string | null {
  if (hotkey === null) return null;
  if ([...hotkey].length !== 1 || /\s|\p{Cc}/u.test(hotkey)) {
    throw new SamlabelError('BadInput', `a label hotkey is one printable character, got "${hotkey}"`);
  }
  const other = findLabelByHotkey(db, hotkey);
  if (other && other.id !== except) throw new SamlabelError('BadInput', `hotkey "${hotkey}" is already used by label "${other.name}"`);
  return hotkey;
}
