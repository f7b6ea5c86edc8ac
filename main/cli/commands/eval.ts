import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { displayText } from '../../../shared/text/displayText.js';
import { pairByStem } from '../../services/eval/dataset.js';
import { DEFAULT_EARLY_STOP, evaluatePairs, type EvalProgress, type EvalReport } from '../../services/eval/evaluate.js';
import { formatReport, reportToJson } from '../../services/eval/format.js';
import { addEngineFlags, startEngine, type EngineFlags } from '../engineFlags.js';
import { CliUsageError } from '../errors.js';

interface EvalFlags extends EngineFlags {
  maxClicks: string;
  allClicks?: boolean;
  json?: boolean;
}

const MAX_CLICKS = 1000;

export function register(program: Command): void {
  const cmd = program
    .command('eval <images> <masks>')
    .description(
      'Interactive-segmentation benchmark (RITM/FocalClick protocol): simulated clicks on each image, mIoU after 1/3/5 clicks, NoC@85/90. ' +
        'Masks pair with images by file stem: 0/255 grey images in any format the image reader reads (PNG, BMP as in the GrabCut set, TIFF, WebP; 128 = ignore) ' +
          'or palette PNGs (any non-zero index = object).',
    )
    .option('--max-clicks <n>', 'clicks per image at most', '20')
    .option('--all-clicks', 'keep clicking to --max-clicks even after 90% IoU (default: stop once every reported number is known)')
    .option('--json', 'print the full report as JSON on stdout');
  addEngineFlags(cmd).action((images: string, masks: string, flags: EvalFlags) => runEval(images, masks, flags));
}

async function runEval(imagesDir: string, masksDir: string, flags: EvalFlags): Promise<void> {
  const maxClicks = Number(flags.maxClicks);
  // Published protocols stop at 20; a bound keeps a typo (1e9) from clicking for days.
  if (!Number.isInteger(maxClicks) || maxClicks < 1 || maxClicks > MAX_CLICKS) {
    throw new CliUsageError(`--max-clicks takes an integer from 1 to ${MAX_CLICKS}, got "${flags.maxClicks}"`);
  }
  const dataset = await pairByStem(resolve(imagesDir), resolve(masksDir));
  if (dataset.pairs.length === 0) throw new SamlabelError('BadInput', `no image in ${imagesDir} has a mask of the same name in ${masksDir}`);
  warnUnpaired('image', 'mask', dataset.unpairedImages);
  warnUnpaired('mask', 'image', dataset.unpairedMasks);
  const { client } = await startEngine(flags);
  const progress = progressBar(dataset.pairs.length);
  let report: EvalReport;
  try {
    const earlyStop = flags.allClicks ? undefined : DEFAULT_EARLY_STOP;
    report = await evaluatePairs(client, dataset.pairs, { maxClicks, earlyStop }, progress?.update);
  } finally {
    progress?.stop();
    client.close();
  }
  process.stdout.write(flags.json ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : formatReport(report));
}

function warnUnpaired(what: string, missing: string, stems: string[]): void {
  if (stems.length === 0) return;
  const shown = stems.slice(0, 5).map((s) => displayText(s)).join(', ') + (stems.length > 5 ? ', …' : '');
  process.stderr.write(`samlabel: warning: ${stems.length} ${what}(s) without a ${missing}, skipped: ${shown}\n`);
}

/** A bar on stderr only for a person watching: piped or redirected runs get clean output. */
function progressBar(total: number): { update: (p: EvalProgress) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'eval [{bar}] {value}/{total} images | {name}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { name: '' });
  return { update: (p) => bar.update(p.done, { name: p.name }), stop: () => bar.stop() };
}
