/** Previous/next image in the gallery's current order, optionally skipping images already done. */

export interface NavItem {
  readonly imageId: string;
  readonly status: string;
}

/** Statuses that count as finished for "next not done". */
const finished = new Set(['done', 'skipped']);

/**
 * The neighbour of `current` in `items` moving by `step` (±1); with `notDone`, the nearest one not
 * finished. Null at the ends (no wrap-around: landing on the first image again would look like a reset).
 */
export function neighbour(items: readonly NavItem[], current: string | null, step: 1 | -1, notDone = false): string | null {
  const at = current === null ? -1 : items.findIndex((item) => item.imageId === current);
  let i = at === -1 ? (step === 1 ? -1 : items.length) : at;
  for (i += step; i >= 0 && i < items.length; i += step) {
    if (!notDone || !finished.has(items[i].status)) return items[i].imageId;
  }
  return null;
}
