import envPaths from 'env-paths';
import { join } from 'node:path';

/** Where downloaded and imported models live: SAMLABEL_MODELS_DIR, else `<user data dir>/models`. */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAMLABEL_MODELS_DIR ?? join(envPaths('samlabel', { suffix: '' }).data, 'models');
}

/** Models that ship inside the installer (electron-builder extraResources) or that a release build fetched. */
export function bundledModelsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (env.SAMLABEL_BUNDLED_MODELS_DIR) dirs.push(env.SAMLABEL_BUNDLED_MODELS_DIR);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) dirs.push(join(resources, 'models'));
  return dirs;
}
