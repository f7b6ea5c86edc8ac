import { SamlabelError, isSamlabelError } from '../../../shared/errors.js';
import { translateSqliteError } from '../../db/connection.js';
import { Project, type OpenProjectOptions } from './project.js';

/**
 * Opens the project in `folder`, runs fn, closes it (releasing the writer lock) whatever happens.
 * A damaged database is reported with the way out, never "fixed" in place.
 */
export async function withProject<T>(folder: string, opts: OpenProjectOptions, fn: (project: Project) => T | Promise<T>): Promise<T> {
  const project = openWithHint(folder, opts);
  try {
    return await fn(project);
  } catch (err) {
    throw withRecoverHint(translateSqliteError(err, project.paths.dbPath), folder);
  } finally {
    project.close();
  }
}

function openWithHint(folder: string, opts: OpenProjectOptions): Project {
  try {
    return Project.open(folder, opts);
  } catch (err) {
    throw withRecoverHint(err, folder);
  }
}

export function withRecoverHint(err: unknown, folder: string): unknown {
  if (!isSamlabelError(err, 'ProjectCorrupt') || err.message.includes('project recover')) return err;
  return new SamlabelError('ProjectCorrupt', `${err.message}; run \`samlabel project recover ${folder}\` (it keeps a copy of the damaged file)`);
}
