import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { SamlabelError } from '../../shared/errors.js';
import type { EngineClient } from '../inference/engineClient.js';
import { describeModel, type ModelSpec } from '../inference/modelSpec.js';
import { startEngineFor } from '../services/models/engineService.js';
import { resolveModel } from '../services/models/resolveModel.js';
import { isProvider, PROVIDERS } from '../inference/providers.js';
import { projectPaths } from '../services/projects/paths.js';
import { rememberedDatabase } from '../services/projects/dbRegistry.js';
import { CliUsageError } from './errors.js';

/** A project's embeddings live beside its database: in <folder>/.samlabel/, or next to a --db kept elsewhere. */
function projectCacheDir(folder: string): string {
  const paths = projectPaths(folder, { db: rememberedDatabase(folder) });
  if (!existsSync(paths.dbPath)) throw new SamlabelError('ProjectNotFound', `no samlabel project in ${paths.folder}: run \`samlabel project init ${paths.folder}\``);
  return paths.embeddingsDir;
}

export interface EngineFlags {
  model?: string;
  provider?: string;
  threads?: string;
  maxPixels?: string;
  cacheDir?: string;
  project?: string;
}

/** The flags every command that runs a model takes. */
export function addEngineFlags(cmd: Command): Command {
  return cmd
    .option('--model <model>', 'builtin-classic, a model id (samlabel models list) or <encoder.onnx>,<decoder.onnx>; default: the installed default SAM model, else builtin-classic')
    .option('--provider <name>', `execution provider: ${PROVIDERS.join(', ')} (default: $SAMLABEL_PROVIDER, else cpu; auto = the platform's GPU provider, else CPU)`)
    .option('--threads <n>', 'intra-op threads (0 = onnxruntime default)', '0')
    .option('--max-pixels <n>', "refuse images over this many pixels (default, and 0: sharp's 268 MP)")
    .option('--cache-dir <dir>', 'embedding cache folder (default: $SAMLABEL_CACHE_DIR or the user cache dir)')
    .option('--project <folder>', "keep embeddings in this project's .samlabel/embeddings");
}

/** Bounds beyond which a flag's value is a typo, not a wish: refused here rather than deep in the engine. */
const MAX_THREADS = 1024;
const MAX_PIXELS = Number.MAX_SAFE_INTEGER;

function parseIntFlag(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new CliUsageError(`${flag} takes an integer from 0 to ${max}, got "${value}"`);
  return n;
}

/** --model through the models service (ids, pairs, builtin-classic; the default SAM model when one is installed). */
export function modelFromFlags(flags: EngineFlags): ModelSpec {
  try {
    const resolved = resolveModel(flags.model);
    if (resolved.origin === 'default-installed') {
      process.stderr.write(`samlabel: using model ${describeModel(resolved.spec)} (installed default; --model builtin-classic for the built-in one)\n`);
    }
    return resolved.spec;
  } catch (err) {
    if (err instanceof SamlabelError && err.code === 'BadInput') throw new CliUsageError(err.message);
    throw err;
  }
}

export async function startEngine(flags: EngineFlags): Promise<{ client: EngineClient; model: string }> {
  const model = modelFromFlags(flags);
  const provider = flags.provider ?? process.env.SAMLABEL_PROVIDER ?? 'cpu';
  if (!isProvider(provider)) throw new CliUsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
  const threads = parseIntFlag(flags.threads, '--threads', MAX_THREADS) ?? 0;
  const maxPixels = parseIntFlag(flags.maxPixels, '--max-pixels', MAX_PIXELS);
  if (flags.project && flags.cacheDir) throw new CliUsageError('use either --project or --cache-dir');
  const cacheDir = flags.project ? projectCacheDir(flags.project) : flags.cacheDir;
  const client = await startEngineFor(model, { runtime: { provider, threads }, maxPixels: maxPixels || undefined, cacheDir });
  for (const warning of client.warnings) process.stderr.write(`samlabel: warning: ${warning}\n`);
  return { client, model: describeModel(model) };
}
