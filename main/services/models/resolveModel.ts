import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { BUILTIN_MODEL_ID, parseModelRef, type ModelSpec } from '../../inference/modelSpec.js';
import { findCatalogEntry, loadCatalog } from './catalog.js';
import { bundledModelsDirs, modelsDir } from './modelsDir.js';
import { findInstalled, type InstalledModel } from './registry.js';

export interface ResolvedModel {
  readonly spec: ModelSpec;
  /** How the model was chosen, for the "using model …" line and JSON results. */
  readonly origin: 'flag' | 'default-installed' | 'default-builtin';
}

/**
 * A cheap guard before every load: each file must still have its installed size (a truncated copy or a
 * half-replaced file is refused); `samlabel models verify` re-hashes the bytes themselves.
 */
function checkSizes(model: InstalledModel): void {
  for (const file of model.manifest.files) {
    const size = statSync(join(model.dir, file.name), { throwIfNoEntry: false })?.size;
    if (size !== file.size) {
      throw new SamlabelError('ModelChecksumMismatch', `model ${model.manifest.id}: ${file.name} is ${size === undefined ? 'missing' : `${size} bytes, expected ${file.size}`}; run \`samlabel models verify ${model.manifest.id}\``);
    }
  }
}

export function installedSpec(model: InstalledModel): ModelSpec {
  checkSizes(model);
  const { manifest } = model;
  return { kind: 'onnx', encoderPath: model.encoderPath, decoderPath: model.decoderPath, family: manifest.contract, id: manifest.id };
}

export const searchDirs = (env: NodeJS.ProcessEnv): string[] => [modelsDir(env), ...bundledModelsDirs(env)];

/**
 * `--model` everywhere a model is taken: builtin-classic, a catalog or imported id (looked up in the models
 * dir, then bundled models), or `<encoder.onnx>,<decoder.onnx>`. Without --model: the catalog's default SAM
 * model when it is downloaded or bundled, else builtin-classic.
 */
export function resolveModel(text: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedModel {
  if (text === undefined) return defaultModel(env);
  const ref = parseModelRef(text);
  if (ref.kind !== 'id') return { spec: ref, origin: 'flag' };
  const installed = findInstalled(searchDirs(env), ref.id);
  if (installed) return { spec: installedSpec(installed), origin: 'flag' };
  const known = findCatalogEntry(loadCatalog(env), ref.id);
  if (known) throw new SamlabelError('ModelMissing', `model ${ref.id} is not downloaded: run \`samlabel models download ${ref.id}\``);
  throw new SamlabelError('ModelMissing', `no model "${ref.id}": not ${BUILTIN_MODEL_ID}, not in the catalog, not imported (see \`samlabel models list\`)`);
}

export function defaultModel(env: NodeJS.ProcessEnv = process.env): ResolvedModel {
  const catalog = loadCatalog(env);
  const installed = findInstalled(searchDirs(env), catalog.defaultModel);
  if (installed) return { spec: installedSpec(installed), origin: 'default-installed' };
  return { spec: { kind: 'builtin', id: BUILTIN_MODEL_ID }, origin: 'default-builtin' };
}
