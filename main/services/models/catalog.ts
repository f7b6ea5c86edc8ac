import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SamlabelError } from '../../../shared/errors.js';
import { catalogSchema, type Catalog, type CatalogEntry } from './catalogSchema.js';

/**
 * models/catalog.json sits at the package root: found by walking up from this module, so the same code
 * works from main/ (tsx), dist/ (the CLI) and the packaged app (extraResources next to the asar).
 */
export function catalogPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAMLABEL_CATALOG) return env.SAMLABEL_CATALOG;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'models', 'catalog.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new SamlabelError('ModelMissing', 'models/catalog.json not found next to samlabel');
}

export function parseCatalog(text: string, label: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SamlabelError('ModelInvalid', `${label} is not JSON: ${(err as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SamlabelError('ModelInvalid', `${label}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

let cached: { path: string; catalog: Catalog } | undefined;

export function loadCatalog(env: NodeJS.ProcessEnv = process.env): Catalog {
  const path = catalogPath(env);
  if (cached?.path === path) return cached.catalog;
  const catalog = parseCatalog(readFileSync(path, 'utf8'), path);
  cached = { path, catalog };
  return catalog;
}

export function findCatalogEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((m) => m.id === id);
}
