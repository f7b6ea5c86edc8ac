import { EngineClient, type EngineClientOptions } from '../../inference/engineClient.js';
import { describeModel, type ModelSpec } from '../../inference/modelSpec.js';
import { resolveModel, type ResolvedModel } from './resolveModel.js';

export interface ModelEngine {
  readonly client: EngineClient;
  /** The id (or pair, or builtin-classic) the engine runs, as results report it. */
  readonly model: string;
  readonly origin: ResolvedModel['origin'];
}

/**
 * The one way to an engine for a model named as the user names it (`--model` text, or nothing for the
 * default): the CLI and the app both come through here, so model resolution, the default-model rule and
 * the installed-file checks are the same everywhere.
 */
export async function startModelEngine(model: string | undefined, options: Omit<EngineClientOptions, 'model'> = {}, env: NodeJS.ProcessEnv = process.env): Promise<ModelEngine> {
  const resolved = resolveModel(model, env);
  return { client: await startEngineFor(resolved.spec, options), model: describeModel(resolved.spec), origin: resolved.origin };
}

/** An engine for a model already resolved (the CLI resolves first, to turn a bad --model into a usage error). */
export function startEngineFor(spec: ModelSpec, options: Omit<EngineClientOptions, 'model'> = {}): Promise<EngineClient> {
  return EngineClient.start({ ...options, model: spec });
}
