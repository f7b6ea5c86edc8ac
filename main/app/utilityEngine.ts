/**
 * Runs the engine entry (out/main/engine.js) as an Electron utilityProcess: onnxruntime-node blocks its
 * thread for a whole encoder pass and crashes in worker threads, so it gets its own process, which can
 * die and be restarted without taking main down. Under plain Node the engine client uses
 * child_process.fork instead; this adapter only gives the same message-passing shape.
 *
 * Note: utilityProcess.postMessage can transfer MessagePorts only, so ArrayBuffers are copied, not moved.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { utilityProcess, type UtilityProcess } from 'electron';

export interface EngineProcess {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): boolean;
}

/** Next to the main bundle: electron.vite.config.ts builds main/inference/engineEntry.ts as `engine`. */
export const engineModulePath = fileURLToPath(new URL('./engine.js', import.meta.url));

/** Forks the engine; must be called after app 'ready'. Returns undefined when the entry was not built. */
export function forkEngine(modulePath = engineModulePath): EngineProcess | undefined {
  if (!existsSync(modulePath)) return undefined;
  const child: UtilityProcess = utilityProcess.fork(modulePath, [], { serviceName: 'samlabel engine', stdio: 'inherit' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => child.kill(),
  };
}
