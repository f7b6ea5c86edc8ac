import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI entry in a child process, as a user would (exit code, stdout, stderr). */
export function runSamlabel(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const bin = join(process.cwd(), 'main', 'cli', 'bin.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The CLI's error contract: exactly one line, no stack trace. */
export function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  if (lines.length !== 1 || /\bat .+:\d+:\d+/.test(stderr)) throw new Error(`expected one error line, got:\n${stderr}`);
  return lines[0];
}
