import { join } from 'node:path';
import type { Catalog } from './catalogSchema.js';
import { hashFile } from './hashFile.js';
import type { InstalledModel } from './registry.js';

export interface VerifyResult {
  readonly id: string;
  readonly ok: boolean;
  /** One line per file that is missing or whose bytes changed since install. */
  readonly problems: string[];
}

/** Re-hashes an installed model's files against its manifest (and the catalog's pins where it has them). */
export async function verifyModel(model: InstalledModel, catalog: Catalog): Promise<VerifyResult> {
  const problems: string[] = [];
  const entry = catalog.models.find((m) => m.id === model.manifest.id);
  for (const file of model.manifest.files) {
    let actual: { size: number; sha256: string };
    try {
      actual = await hashFile(join(model.dir, file.name));
    } catch {
      problems.push(`${file.name}: missing`);
      continue;
    }
    const pin = entry?.files.find((f) => f.name === file.name && f.sha256);
    const want = pin?.sha256 ?? file.sha256;
    if (actual.sha256 !== want || actual.size !== file.size) {
      problems.push(`${file.name}: expected sha256 ${want} (${file.size} bytes), got ${actual.sha256} (${actual.size} bytes)`);
    }
  }
  return { id: model.manifest.id, ok: problems.length === 0, problems };
}
