import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSamlabelError } from '../../../shared/errors.js';
import { findRendererDir } from '../../server/rendererDir.js';
import { startServe } from '../../server/serve.js';
import { addEngineFlags, startEngine, type EngineFlags } from '../engineFlags.js';
import { CliUsageError } from '../errors.js';

interface ServeFlags extends EngineFlags {
  port: string;
  host: string;
  open?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `samlabel serve <folder>`: the labelling app in a browser, on loopback, behind a random token. */
export function register(program: Command): void {
  const cmd = program
    .command('serve <folder>')
    .description('serve the labelling app for <folder> to a browser (prints the URL with its token)')
    .option('--port <n>', 'port (0: any free port)', '0')
    .option('--host <address>', 'address to listen on (default loopback; anything else is reachable by others)', '127.0.0.1')
    .option('--open', 'open the URL in the default browser');
  addEngineFlags(cmd).action((folder: string, flags: ServeFlags) => serve(folder, flags));
}

async function serve(folder: string, flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port takes 0..65535, got "${flags.port}"`);
  // Before the engine starts: a missing bundle is the commonest first-run problem and needs no model to report.
  const rendererDir = findRendererDir();
  const { client } = await startEngine(flags);
  const handle = await startServe({
    folder: resolve(folder),
    host: flags.host,
    port,
    engine: client,
    requestedProvider: flags.provider ?? 'cpu',
    rendererDir,
    version: packageVersion(),
    // Our own bugs are worth a line on stderr; the user's mistakes (BadInput…) are answered to the page only.
    onError: (channel, error) => {
      if (!isSamlabelError(error) || error.code === 'Internal') process.stderr.write(`samlabel: ${channel}: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  }).catch((err: unknown) => {
    client.close();
    throw err;
  });
  // The contract with scripts and tests: the URL is the FIRST line on stdout.
  process.stdout.write(`${handle.url}\n`);
  if (!LOOPBACK.has(flags.host)) {
    process.stderr.write(`samlabel: warning: serving on ${flags.host}: anyone who can reach it and has the URL can edit this project\n`);
  }
  if (flags.open) openBrowser(handle.url);
  await untilStopped();
  await handle.close();
  client.close();
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('samlabel: could not open a browser; open the URL above yourself\n'));
  child.unref();
}

function untilStopped(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
