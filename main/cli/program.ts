import { Command } from 'commander';
import { reportError } from './reportError.js';

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Every module in commands/ exports `register(program)`; discovered at run time so adding a command touches one file. */
type CommandModule = { register: (program: Command) => void };

async function loadCommands(): Promise<CommandModule[]> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  return Promise.all(files.map((f) => import(pathToFileURL(join(dir, f)).href) as Promise<CommandModule>));
}

function buildProgram(): Command {
  const program = new Command('samlabel');
  program.description('Label images with Segment Anything').exitOverride().configureOutput({ writeErr: () => undefined });
  program.showHelpAfterError(false);
  return program;
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failure, 2 usage). Errors are one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  for (const mod of await loadCommands()) mod.register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err);
  }
}
