import { createHash } from 'node:crypto';

/** Hex SHA-256 of the exact file bytes: the image half of the embedding cache key (see DESIGN.md §1). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
