/**
 * The engine runs as a `child_process.fork` child under Node and as an Electron `utilityProcess`;
 * both give a message port, shaped differently. This is the one place that knows.
 */
export interface ParentPort {
  send(message: unknown): void;
  onMessage(handler: (message: unknown) => void): void;
}

interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', handler: (e: { data: unknown }) => void): void;
}

export function parentPort(): ParentPort {
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) {
    return { send: (m) => utility.postMessage(m), onMessage: (h) => utility.on('message', (e) => h(e.data)) };
  }
  if (!process.send) throw new Error('engine entry must be started with an IPC channel (child_process.fork or utilityProcess)');
  return { send: (m) => process.send?.(m), onMessage: (h) => process.on('message', h) };
}
