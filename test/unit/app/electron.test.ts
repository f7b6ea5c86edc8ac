import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../../shared/ipc/events.js';
import { electronFake, FakeBrowserWindow, FakeWebContents, resetElectronFake } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electronFake);

async function load<T>(path: string): Promise<{ electron: typeof electronFake; mod: T }> {
  return { electron: electronFake, mod: (await import(path)) as T };
}

beforeEach(() => {
  resetElectronFake();
});

describe('main window (window.ts)', () => {
  type WindowModule = typeof import('../../../main/app/window.js');

  it('opens sandboxed, context-isolated, without Node, on the built index.html', async () => {
    const { mod } = await load<WindowModule>('../../../main/app/window.js');
    await mod.createMainWindow({ indexHtmlPath: '/app/out/renderer/index.html', preloadPath: '/app/out/preload/index.cjs' });
    const [window] = FakeBrowserWindow.created;
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(window.loadedFile).toBe('/app/out/renderer/index.html');
    expect(window.loadedUrl).toBeUndefined();
  });

  it('denies new windows, navigation, webviews and every permission for every web contents', async () => {
    const { electron, mod } = await load<WindowModule>('../../../main/app/window.js');
    mod.hardenWebContents();
    const contents = new FakeWebContents();
    electron.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    const answer = vi.fn();
    (electron.permission.request as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect((electron.permission.check as () => boolean)()).toBe(false);
  });
});

describe('engine utility process (utilityEngine.ts)', () => {
  type UtilityModule = typeof import('../../../main/app/utilityEngine.js');

  it('forks the engine bundle as a utility process and bridges messages, exit and stderr', async () => {
    const { electron, mod } = await load<UtilityModule>('../../../main/app/utilityEngine.js');
    const child = mod.utilityLauncher('/app/out/main/engine.js')();
    const [fork] = electron.forks;
    expect(fork.modulePath).toBe('/app/out/main/engine.js');
    expect(fork.options).toMatchObject({ serviceName: 'samlabel engine' });
    child.send({ type: 'init' });
    expect(fork.child.posted).toEqual([{ type: 'init' }]);
    const messages: unknown[] = [];
    child.onMessage((m) => messages.push(m));
    fork.child.emit('message', { type: 'ready' });
    expect(messages).toEqual([{ type: 'ready' }]);
    const exited = new Promise<unknown[]>((resolve) => child.onExit((...args) => resolve(args)));
    fork.child.stderr.emit('data', Buffer.from('boom: model missing\n'));
    fork.child.emit('exit', 3);
    expect(await exited).toEqual([3, null, 'boom: model missing']);
    child.kill();
    expect(fork.child.killed).toBe(true);
  });
});

describe('image scheme (imageProtocol.ts)', () => {
  type ProtocolModule = typeof import('../../../main/app/imageProtocol.js');

  it('is registered as a standard secure scheme that does not bypass the page CSP', async () => {
    const { electron, mod } = await load<ProtocolModule>('../../../main/app/imageProtocol.js');
    mod.registerImageScheme();
    const [[schemes]] = electron.protocol.registerSchemesAsPrivileged.mock.calls as unknown as [[{ scheme: string; privileges: Record<string, boolean> }[]]];
    expect(schemes[0].scheme).toBe('samlabel-image');
    expect(schemes[0].privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0].privileges.bypassCSP).toBeUndefined();
    mod.handleImageScheme(async () => ({ bytes: new Uint8Array(), contentType: 'image/png' }));
    expect(electron.protocol.handle).toHaveBeenCalledWith('samlabel-image', expect.any(Function));
  });

  it('answers images and thumbnails by id, and nothing else', async () => {
    const { mod } = await load<ProtocolModule>('../../../main/app/imageProtocol.js');
    const { SamlabelError } = await import('../../../shared/errors.js');
    const asked: string[] = [];
    const handler = mod.createImageHandler(async (kind, id) => {
      asked.push(`${kind}:${id}`);
      if (id !== '12') throw new SamlabelError('ImageNotFound', `image ${id} is not in the project`);
      return { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' };
    });
    const { url, thumbUrl } = mod.imageUrls('12', 'abc');
    const image = await handler(new Request(url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await image.arrayBuffer())]).toEqual([1, 2, 3]);
    expect((await handler(new Request(thumbUrl))).status).toBe(200);
    expect((await handler(new Request('samlabel-image://image/13'))).status).toBe(404);
    expect((await handler(new Request('samlabel-image://file/etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('samlabel-image://image/a/b'))).status).toBe(404);
    expect((await handler(new Request('samlabel-image://image/12', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect(asked).toEqual(['image:12', 'thumb:12', 'image:13']);
  });
});

describe('preload (preload/index.ts)', () => {
  it('exposes only window.samlabel: one function per channel plus onEvent, routed to ipcRenderer', async () => {
    vi.resetModules(); // the preload exposes at import time: import it afresh after the reset above
    const { electron } = await load<unknown>('../../../preload/index.js');
    expect([...electron.exposed.keys()]).toEqual(['samlabel']);
    const api = electron.exposed.get('samlabel') as {
      app: { version(): Promise<unknown> };
      engine: { setImage(r: unknown): Promise<unknown> };
      onEvent(listener: (e: unknown) => void): () => void;
    };
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    await api.engine.setImage({ imageId: '3' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('samlabel:engine:setImage', { imageId: '3' });
    const got: unknown[] = [];
    const off = api.onEvent((event) => got.push(event));
    const [listener] = electron.rendererListeners.get(EVENT_CHANNEL) ?? [];
    listener({ sender: 'the IpcRendererEvent must not reach the page' }, { type: 'project', change: 'opened' });
    expect(got).toEqual([{ type: 'project', change: 'opened' }]);
    off();
    expect(electron.rendererListeners.get(EVENT_CHANNEL)).toEqual([]);
  });
});
