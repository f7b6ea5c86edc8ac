/**
 * What an import left out, and why: nothing is dropped silently. A skip names the file it came from, the image
 * (project-relative path) when known, and the record within the file (`annotations.3`, `shapes.1`, `line 4`).
 */
export const SKIP_REASONS = [
  /** A mask or image whose size is not its image's (VOC class mask, PNG instances, project image). */
  'size-mismatch',
  /** An annotation of an image the file does not list. */
  'unknown-image',
  /** A label the file does not define (a COCO category_id, a PNG legend category). */
  'unknown-label',
  /** No area: fewer than three distinct vertices, a line, a point, an empty mask. */
  'degenerate',
  /** A shape that lies entirely outside its image. */
  'outside-image',
  /** Non-finite or absurdly distant coordinates, or an outline too convoluted to be a mask. */
  'bad-geometry',
  /** A label name a project cannot hold (empty, over 200 characters, control characters). */
  'bad-label',
  /** A shape type samlabel does not import. */
  'unsupported-shape',
  /** A file or image the import cannot use (unreadable, not an image, not in the dataset folder). */
  'unreadable',
  /** An image of the dataset that is not in the project. */
  'not-in-project',
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export interface ImportSkip {
  readonly reason: SkipReason;
  readonly file: string;
  /** Project-relative image path, when the skip concerns one image or one of its annotations. */
  readonly image?: string;
  /** The record within the file; absent when the whole image (or file) was skipped. */
  readonly item?: string;
  readonly detail: string;
}

/** "2 size-mismatch, 1 degenerate" */
export function summarizeSkips(skips: readonly ImportSkip[]): string {
  const counts = new Map<SkipReason, number>();
  for (const s of skips) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
}
