import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyManifest } from '../../../main/services/export/manifest.js';
import { mulberry32 } from '../../../shared/random.js';
import { makeLabelledProject } from './safetyFixture.js';

/**
 * kill -9 at random points of an export, in every format: afterwards the output folder is absent, or the
 * earlier export untouched, or the new export complete — never partial. Each format gets 4 kills that land
 * while the export is writing (4 × 5 = 20), alternating fresh exports and --overwrite of an earlier one; the
 * kill lands a random time after the staging folder appears, up to the length of a whole export.
 */
const FORMATS = ['coco', 'yolo-seg', 'labelme', 'masks-png', 'voc'] as const;
const RUNS_PER_FORMAT = 4;

let root: string;
let project: string;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, SAMLABEL_CONFIG_DIR: join(root, 'config') });
const bin = join(process.cwd(), 'main', 'cli', 'bin.ts');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'samlabel-kill-'));
  project = join(root, 'project');
  const specs = Array.from({ length: 240 }, (_, i) => ({ rel: `img${String(i).padStart(3, '0')}.png`, width: 96, height: 64 }));
  await makeLabelledProject(project, specs);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stagingOf = (parent: string): string[] => readdirSync(parent).filter((e) => e.includes('.samlabel-staging-'));

interface KillRun {
  readonly exitedByItself: boolean;
  readonly killedWhileStaging: boolean;
  /** From the staging folder's appearance to its rename into place (-1 if not seen): how long writing takes. */
  readonly stagingMs: number;
}

/** Runs `samlabel export`, waits for its staging folder, then SIGKILLs it `delayMs` later (unless it already ended). */
function exportAndKill(args: string[], parent: string, delayMs: number): Promise<KillRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { env: env(), stdio: 'ignore' });
    let stagedAt = 0;
    let stagingMs = -1;
    let killedWhileStaging = false;
    let timer: NodeJS.Timeout | undefined;
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ exitedByItself: signal === null, killedWhileStaging, stagingMs });
    });
    const poll = setInterval(() => {
      const staging = stagingOf(parent).length > 0;
      if (stagedAt === 0 && staging) {
        stagedAt = Date.now();
        timer = setTimeout(() => {
          killedWhileStaging = stagingOf(parent).length > 0;
          child.kill('SIGKILL');
        }, delayMs);
      } else if (stagedAt !== 0 && !staging && stagingMs < 0) stagingMs = Date.now() - stagedAt;
    }, 1);
  });
}

async function expectWholeOrAbsent(out: string, earlierExisted: boolean): Promise<void> {
  if (!existsSync(out)) {
    // Only the moment between moving the earlier export aside and renaming the new one in leaves nothing.
    return;
  }
  const check = await verifyManifest(out);
  expect(check.problems).toEqual([]);
  expect(check.files).toBeGreaterThan(earlierExisted ? 0 : 1);
}

describe('kill -9 during an export', () => {
  it.each(FORMATS)('%s: the output is absent, the earlier export, or the new one whole', async (format) => {
    const random = mulberry32(FORMATS.indexOf(format) + 7);
    const parent = join(root, format);
    const out = join(parent, 'ds');
    const args = ['export', project, '--format', format, '--out', out];
    mkdirSync(parent, { recursive: true });
    // One unkilled export measures how long the writing takes.
    const full = await exportAndKill(args, parent, 60_000);
    expect(full.exitedByItself).toBe(true);
    const span = Math.max(full.stagingMs, 20);
    // Attempts until RUNS_PER_FORMAT kills landed while the export was writing (a busy machine can make a kill
    // land after the end); every attempt, whatever its timing, must leave a whole export or none.
    let midway = 0;
    for (let attempt = 0; attempt < 3 * RUNS_PER_FORMAT && midway < RUNS_PER_FORMAT; attempt++) {
      const overwrite = attempt % 2 === 1;
      if (!overwrite) rmSync(out, { recursive: true, force: true });
      else if (!existsSync(out)) await exportAndKill(args, parent, 60_000);
      const result = await exportAndKill(overwrite ? [...args, '--overwrite'] : args, parent, Math.floor(random() * span));
      if (result.killedWhileStaging) midway++;
      await expectWholeOrAbsent(out, overwrite);
    }
    expect(midway).toBe(RUNS_PER_FORMAT);
    // The next export clears the dead runs' staging folders and succeeds.
    rmSync(out, { recursive: true, force: true });
    expect((await exportAndKill(args, parent, 60_000)).exitedByItself).toBe(true);
    expect(stagingOf(parent)).toEqual([]);
    await expectWholeOrAbsent(out, false);
  }, 180_000);
});

