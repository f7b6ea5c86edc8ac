import type { Db } from '../connection.js';

/**
 * Schema 40: an annotation may be flagged for a person to look at again. `review` is NULL (nothing
 * to check) or 'needs_review'; `review_reason` says why in words ("image size changed from 40x30 to
 * 80x60", "automatic mask"). Set by a scan that finds an image of another pixel size than its masks,
 * and by automatic mask generation; cleared when a person accepts or edits the mask. A general flag,
 * not a scan detail, so each producer adds a reason, not a column. The partial index keeps counting
 * and listing the flagged ones cheap in a project where almost none are. Frozen once shipped.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE annotations ADD COLUMN review TEXT CHECK (review IS NULL OR review IN ('needs_review'));
    ALTER TABLE annotations ADD COLUMN review_reason TEXT;
    CREATE INDEX annotations_needs_review ON annotations(image_id) WHERE review IS NOT NULL;
  `);
  // Scans before this schema replaced an image's size and kept its masks: flag those now.
  db.exec(`
    UPDATE annotations SET review = 'needs_review', review_reason = 'mask size differs from its image'
    WHERE EXISTS (SELECT 1 FROM images i WHERE i.id = annotations.image_id AND (i.height != rle_height OR i.width != rle_width));
  `);
}
