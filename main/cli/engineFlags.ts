import type { Command } from 'commander';
import { SamlabelError } from '../../shared/errors.js';
import { EngineClient } from '../inference/engineClient.js';
import { describeModel, parseModelSpec, type ModelSpec } from '../inference/modelSpec.js';
import { isProvider, PROVIDERS } from '../inference/providers.js';
import { CliUsageError } from './errors.js';

export interface EngineFlags {
  model?: string;
  provider?: string;
  threads?: string;
  maxPixels?: string;
  cacheDir?: string;
}

/** The flags every command that runs a model takes. */
export function addEngineFlags(cmd: Command): Command {
  return cmd
    .option('--model <model>', 'builtin-classic (default) or <encoder.onnx>,<decoder.onnx>')
    .option('--provider <name>', `execution provider: ${PROVIDERS.join(', ')}`, 'cpu')
    .option('--threads <n>', 'intra-op threads (0 = onnxruntime default)', '0')
    .option('--max-pixels <n>', "refuse images over this many pixels (default: sharp's 268 MP)")
    .option('--cache-dir <dir>', 'embedding cache folder (default: $SAMLABEL_CACHE_DIR or the user cache dir)');
}

function parseIntFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`${flag} takes a non-negative integer, got "${value}"`);
  return n;
}

export function modelFromFlags(flags: EngineFlags): ModelSpec {
  try {
    return parseModelSpec(flags.model);
  } catch (err) {
    if (err instanceof SamlabelError && err.code === 'BadInput') throw new CliUsageError(err.message);
    throw err;
  }
}

export async function startEngine(flags: EngineFlags): Promise<{ client: EngineClient; model: string }> {
  const model = modelFromFlags(flags);
  const provider = flags.provider ?? 'cpu';
  if (!isProvider(provider)) throw new CliUsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
  const threads = parseIntFlag(flags.threads, '--threads') ?? 0;
  const maxPixels = parseIntFlag(flags.maxPixels, '--max-pixels');
  const client = await EngineClient.start({ model, runtime: { provider, threads }, maxPixels: maxPixels || undefined, cacheDir: flags.cacheDir });
  for (const warning of client.warnings) process.stderr.write(`samlabel: warning: ${warning}\n`);
  return { client, model: describeModel(model) };
}
