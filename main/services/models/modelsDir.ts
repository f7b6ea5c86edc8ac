import envPaths from 'env-paths';
import { dirname, join } from 'node:path';
import { catalogPath } from './catalog.js';

/** Where downloaded and imported models live: SAMLABEL_MODELS_DIR, else `<user data dir>/models`. */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAMLABEL_MODELS_DIR ?? join(envPaths('samlabel', { suffix: '' }).data, 'models');
}

/** Where `npm run release` puts the default model: models/bundled/, shipped with the catalog (extraResources). */
export const BUNDLED_FOLDER = 'bundled';

/**
 * Models that ship with samlabel: `bundled/` beside the catalog (the repo's models/ folder, or
 * resources/models/ in the packaged app), plus SAMLABEL_BUNDLED_MODELS_DIR.
 */
export function bundledModelsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (env.SAMLABEL_BUNDLED_MODELS_DIR) dirs.push(env.SAMLABEL_BUNDLED_MODELS_DIR);
  try {
    dirs.push(join(dirname(catalogPath(env)), BUNDLED_FOLDER));
  } catch {
    // No catalog, no bundled models.
  }
  return dirs;
}
