/**
 * `npm run release`, first step: fetches the catalog's default model (MobileSAM, Apache-2.0 weights) from
 * its pinned URL or SAMLABEL_MODELS_MIRROR, verifies size + sha256, and installs it in models/bundled/,
 * which electron-builder ships as resources/models/bundled (extraResources). An already bundled copy that
 * still verifies is kept. Run: `tsx scripts/fetch-default-model.ts [--out <dir>]`.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SamlabelError } from '../shared/errors.js';
import { catalogPath, findCatalogEntry, loadCatalog } from '../main/services/models/catalog.js';
import { installCatalogModel } from '../main/services/models/install.js';
import { BUNDLED_FOLDER } from '../main/services/models/modelsDir.js';
import { findInstalled, type InstalledModel } from '../main/services/models/registry.js';
import { verifyModel } from '../main/services/models/verify.js';

export interface FetchOptions {
  readonly outDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  readonly retries?: number;
}

export async function fetchDefaultModel(opts: FetchOptions = {}): Promise<InstalledModel> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const catalog = loadCatalog(env);
  const entry = findCatalogEntry(catalog, catalog.defaultModel);
  if (!entry) throw new SamlabelError('ModelMissing', `default model ${catalog.defaultModel} is not in the catalog`);
  if (entry.files.some((f) => f.sha256 === null)) throw new SamlabelError('ModelInvalid', `default model ${entry.id} is not fully pinned: a release only bundles verified files`);
  const outDir = opts.outDir ?? join(dirname(catalogPath(env)), BUNDLED_FOLDER);
  const existing = findInstalled([outDir], entry.id);
  if (existing && (await verifyModel(existing, catalog)).ok) {
    log(`bundled ${entry.id} already present and verified in ${existing.dir}`);
    return existing;
  }
  log(`fetching ${entry.id} (${entry.license}) ${env.SAMLABEL_MODELS_MIRROR ? `from mirror ${env.SAMLABEL_MODELS_MIRROR}` : 'from its pinned URLs'}`);
  const model = await installCatalogModel(entry, { modelsDir: outDir, env, source: 'bundled', retries: opts.retries });
  log(`bundled ${entry.id} in ${model.dir} (sha256 verified)`);
  return model;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--out');
  fetchDefaultModel({ outDir: at > 0 ? process.argv[at + 1] : undefined }).catch((err: Error) => {
    process.stderr.write(`fetch-default-model: ${err.name}: ${err.message}\n`);
    process.exit(1);
  });
}
