/**
 * A fake of the electron module's surface that main/app and preload use: it records what the code
 * under test asks of Electron (window options, handlers, forks) and lets a test fire Electron's events.
 * Behaviour under test stays in samlabel's modules; this only stands in for the binary we cannot run.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {}
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly stderr = new EventEmitter();
  readonly posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  const forks: { modulePath: string; args: string[]; options: Record<string, unknown>; child: FakeUtilityProcess }[] = [];
  const permission = { request: undefined as unknown, check: undefined as unknown };
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, ((...args: unknown[]) => void)[]>();
  return {
    forks,
    permission,
    exposed,
    rendererListeners,
    appEvents,
    app: { on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener) },
    BrowserWindow: FakeBrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => void (permission.request = h),
        setPermissionCheckHandler: (h: unknown) => void (permission.check = h),
      },
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: Record<string, unknown>) => {
        const child = new FakeUtilityProcess();
        forks.push({ modulePath, args, options, child });
        return child;
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
      on: (channel: string, listener: (...args: unknown[]) => void) => void rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        void rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener)),
    },
  };
}

/** The one fake the electron mock hands out (vi.mock caches the module); tests reset it between cases. */
export const electronFake = createFakeElectron();

export function resetElectronFake(): void {
  electronFake.forks.length = 0;
  electronFake.exposed.clear();
  electronFake.rendererListeners.clear();
  electronFake.appEvents.removeAllListeners();
  electronFake.protocol.registerSchemesAsPrivileged.mockClear();
  electronFake.protocol.handle.mockClear();
  electronFake.ipcRenderer.invoke.mockClear();
  FakeBrowserWindow.created = [];
}
