/** `samlabel auto`'s SamAutomaticMaskGenerator flags: SAM's names in kebab case, SAM's defaults. */
import type { Command } from 'commander';
import { DEFAULT_AMG_PARAMS, DUPLICATE_STRATEGIES, OUTPUT_MODES, SAM_NAMES, type AmgParams, type DuplicateStrategy, type OutputMode } from '../../shared/masks/amg/params.js';
import { CliUsageError } from './errors.js';
import { parseNumbers } from './promptArgs.js';

type NumberKey = 'pointsPerSide' | 'pointsPerBatch' | 'predIouThresh' | 'stabilityScoreThresh' | 'stabilityScoreOffset' | 'boxNmsThresh' | 'cropNLayers' | 'cropNmsThresh' | 'cropOverlapRatio' | 'cropNPointsDownscaleFactor' | 'minMaskRegionArea' | 'duplicateThresh';

const NUMBER_KEYS: NumberKey[] = ['pointsPerSide', 'pointsPerBatch', 'predIouThresh', 'stabilityScoreThresh', 'stabilityScoreOffset', 'boxNmsThresh', 'cropNLayers', 'cropNmsThresh', 'cropOverlapRatio', 'cropNPointsDownscaleFactor', 'minMaskRegionArea', 'duplicateThresh'];

/** The CLI's default output mode: JSON-friendly (SAM's own default, binary_mask, is written as PNGs here). */
export const CLI_OUTPUT_MODE: OutputMode = 'coco_rle';

const kebab = (key: string): string => SAM_NAMES[key as keyof AmgParams].replaceAll('_', '-');

export type AmgFlags = Partial<Record<NumberKey, string>> & { outputMode?: string; duplicateStrategy?: string; coverageAware?: boolean; region?: string };

export function addAmgFlags(cmd: Command): Command {
  for (const key of NUMBER_KEYS) {
    const def = DEFAULT_AMG_PARAMS[key];
    cmd.option(`--${kebab(key)} <n>`, `${SAM_NAMES[key]} (default ${key === 'cropOverlapRatio' ? '512/1500' : String(def)})`);
  }
  return cmd
    .option('--output-mode <mode>', `output_mode: ${OUTPUT_MODES.join(' | ')} (default ${CLI_OUTPUT_MODE}; binary_mask writes PNGs)`)
    .option('--duplicate-strategy <s>', `nested/duplicate masks: ${DUPLICATE_STRATEGIES.join(' | ')} (default keep_all, as SAM)`)
    .option('--coverage-aware', 'skip grid points already inside a kept mask (fewer decoder passes)')
    .option('--region <x0,y0,x1,y1>', 'only sample points inside this box (image pixels)');
}

function parseNumber(text: string, flag: string): number {
  const v = text.includes('/') ? text.split('/').map(Number).reduce((a, b) => a / b) : Number(text);
  if (!Number.isFinite(v)) throw new CliUsageError(`--${flag} takes a number, got "${text}"`);
  return v;
}

/** Flags → overrides of DEFAULT_AMG_PARAMS; range checks happen in resolveAmgParams. */
export function amgParamsFromFlags(flags: AmgFlags): Partial<AmgParams> {
  const out: Record<string, unknown> = { outputMode: CLI_OUTPUT_MODE };
  for (const key of NUMBER_KEYS) {
    const text = flags[key];
    if (text !== undefined) out[key] = parseNumber(text, kebab(key));
  }
  if (flags.outputMode !== undefined) {
    if (!OUTPUT_MODES.includes(flags.outputMode as OutputMode)) throw new CliUsageError(`--output-mode must be one of ${OUTPUT_MODES.join(', ')}`);
    out.outputMode = flags.outputMode;
  }
  if (flags.duplicateStrategy !== undefined) {
    if (!DUPLICATE_STRATEGIES.includes(flags.duplicateStrategy as DuplicateStrategy)) throw new CliUsageError(`--duplicate-strategy must be one of ${DUPLICATE_STRATEGIES.join(', ')}`);
    out.duplicateStrategy = flags.duplicateStrategy;
  }
  if (flags.coverageAware) out.coverageAware = true;
  if (flags.region !== undefined) out.region = parseNumbers(flags.region, 4, '--region');
  return out as Partial<AmgParams>;
}

/** The parameters in SAM's names, for result files. */
export function amgParamsJson(params: AmgParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(SAM_NAMES)) {
    const v = params[key as keyof AmgParams];
    out[name] = key === 'pointGrids' ? (v === null ? null : 'explicit') : v;
  }
  return out;
}
