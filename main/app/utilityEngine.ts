/**
 * The engine process under Electron: main/inference's EngineClient takes a launcher, and this one starts
 * out/main/engine.js (built from main/inference/engineEntry.ts) as a utilityProcess instead of
 * child_process.fork. Electron-only, hence here; the engine itself finds its port in enginePort.ts.
 *
 * Differences from forkLauncher worth knowing: utilityProcess.postMessage transfers MessagePorts only, so
 * typed arrays are structured-cloned (copied, like fork's 'advanced' serialisation); 'exit' reports a
 * code but no signal.
 */
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import type { EngineChild, EngineLauncher } from '../inference/engineLauncher.js';

/** Next to the main bundle: electron.vite.config.ts names the engine entry `engine`. */
export const engineModulePath = fileURLToPath(new URL('./engine.js', import.meta.url));

const STDERR_TAIL = 2000;

/** Must be used after app 'ready' (a utilityProcess cannot be forked before). */
export function utilityLauncher(modulePath = engineModulePath): EngineLauncher {
  return (): EngineChild => {
    // stderr piped so a crash can be explained (the client shows its last line); stdout inherited for logs.
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'samlabel engine', stdio: ['ignore', 'inherit', 'pipe'] });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL);
    });
    return {
      send: (message) => child.postMessage(message),
      onMessage: (handler) => void child.on('message', handler),
      onExit: (handler) => void child.on('exit', (code) => setImmediate(() => handler(code, null, stderrTail.trim()))),
      kill: () => void child.kill(),
    };
  };
}
