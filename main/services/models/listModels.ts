import type { Catalog, CatalogEntry } from './catalogSchema.js';
import type { InstalledModel } from './registry.js';

/**
 * One row of `samlabel models list`: catalog entries (installed or available) and imported models.
 * `verified`: pinned = every file's sha256 came from the catalog; recorded = hashed at first download
 * (or import) and checked from then on; unverified = not downloaded yet and nothing pinned it.
 */
export interface ModelRow {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly contract: string;
  readonly status: 'installed' | 'available';
  readonly source: 'catalog' | 'import' | 'bundled';
  /** Bytes on disk when installed, else the catalog's download size (null when the catalog does not know it). */
  readonly bytes: number | null;
  readonly license: string;
  readonly nonCommercial: boolean;
  readonly verified: 'pinned' | 'recorded' | 'unverified';
  readonly path?: string;
}

export function downloadBytes(entry: CatalogEntry): number | null {
  return entry.files.some((f) => f.size === null) ? null : entry.files.reduce((n, f) => n + (f.size ?? 0), 0);
}

function installedRow(m: InstalledModel): ModelRow {
  const { manifest } = m;
  return {
    id: manifest.id,
    name: manifest.name,
    family: manifest.family,
    contract: manifest.contract,
    status: 'installed',
    source: manifest.source,
    bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    license: manifest.license,
    nonCommercial: manifest.nonCommercial,
    verified: manifest.files.every((f) => f.pinned) ? 'pinned' : 'recorded',
    path: m.dir,
  };
}

function availableRow(entry: CatalogEntry): ModelRow {
  return {
    id: entry.id,
    name: entry.name,
    family: entry.family,
    contract: entry.contract,
    status: 'available',
    source: 'catalog',
    bytes: downloadBytes(entry),
    license: entry.license,
    nonCommercial: entry.nonCommercial,
    verified: entry.files.every((f) => f.sha256 !== null) ? 'pinned' : 'unverified',
  };
}

export function listModels(catalog: Catalog, installed: readonly InstalledModel[]): ModelRow[] {
  const byId = new Map(installed.map((m) => [m.manifest.id, m]));
  const rows = catalog.models.map((e) => {
    const m = byId.get(e.id);
    return m ? installedRow(m) : availableRow(e);
  });
  const imported = installed.filter((m) => !catalog.models.some((e) => e.id === m.manifest.id)).map(installedRow);
  return [...rows, ...imported];
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '?';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
