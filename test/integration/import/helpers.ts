import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { tinyPng } from '../../helpers/dbImages.js';

/** Writes a file, creating its folder. */
export function put(path: string, content: string | Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** A scanned project in `folder` holding grey PNGs `{ 'a.png': [w, h] }`. */
export async function scannedProject(folder: string, images: Record<string, readonly [number, number]>): Promise<string> {
  for (const [rel, [w, h]] of Object.entries(images)) put(join(folder, rel), tinyPng(w, h, rel.length));
  const project = Project.init(folder);
  try {
    await scanProject(project);
  } finally {
    project.close();
  }
  return folder;
}

export interface BoundedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The child ran out of its time limit. */
  readonly timedOut: boolean;
}

/**
 * The real CLI in a child process with a V8 heap limit and a time limit, as the hostile-input acceptance asks:
 * an unbounded allocation dies of heap exhaustion (non-zero, native trace), an unbounded loop of the timeout.
 */
export function runBounded(args: string[], env: NodeJS.ProcessEnv, heapMb = 256, timeoutMs = 60_000): BoundedRun {
  const bin = join(process.cwd(), 'main', 'cli', 'bin.ts');
  const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const timedOut = run.error !== undefined && 'code' in run.error && run.error.code === 'ETIMEDOUT';
  return { status: run.status, signal: run.signal, stdout: run.stdout ?? '', stderr: run.stderr ?? '', timedOut };
}
