import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { configDir } from '../settings/configDir.js';
import { JsonFileSettingsStore } from '../settings/jsonFileSettingsStore.js';
import { projectPaths, type ProjectPaths } from './paths.js';

/**
 * Databases kept outside their image folder (`project init <folder> --db <path>`), remembered per
 * user so later commands find them from the folder alone. A plain JSON file, not electron-store:
 * the app and the CLI must read the same one.
 */
interface Registry {
  databases: Record<string, string>;
}

const registrySchema = z.object({ databases: z.record(z.string(), z.string()) }).partial();

function registry(): JsonFileSettingsStore<Registry> {
  return new JsonFileSettingsStore<Registry>(join(configDir(), 'projects.json'), registrySchema);
}

export function rememberDatabase(folder: string, dbPath: string): void {
  const store = registry();
  store.set('databases', { ...store.get('databases'), [resolve(folder)]: resolve(dbPath) });
}

export function rememberedDatabase(folder: string): string | undefined {
  return registry().get('databases')?.[resolve(folder)];
}

/**
 * The paths of the project in `folder`: an explicit `db` wins, then `<folder>/.samlabel/project.db`
 * when it exists, then the remembered location, else the default (which may not exist yet).
 */
export function resolveProjectPaths(folder: string, db?: string): ProjectPaths {
  if (db !== undefined) return projectPaths(folder, { db });
  const inFolder = projectPaths(folder);
  if (existsSync(inFolder.dbPath)) return inFolder;
  const remembered = rememberedDatabase(folder);
  return remembered === undefined ? inFolder : projectPaths(folder, { db: remembered });
}
