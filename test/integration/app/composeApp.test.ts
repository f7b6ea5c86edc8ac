/**
 * The Electron composition (main/app/composeApp.ts) for real — store worker, engine process with the
 * generated disc model, every channel on ipcMain — with only Electron's objects faked (ipcMain, windows,
 * the folder dialog), driven the way the preload drives it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/ipc/api.js';
import { channels, ipcChannelName, type Channel } from '../../../shared/ipc/contract.js';
import { EVENT_CHANNEL, type AppEvent } from '../../../shared/ipc/events.js';
import { decodeRle } from '../../../shared/masks/rle.js';
import { composeApp, type ComposedApp, type WindowLike } from '../../../main/app/composeApp.js';
import { EngineClient } from '../../../main/inference/engineClient.js';
import type { InvokeEvent, IpcMainLike } from '../../../main/ipc/register.js';
import type { AppSettingsFile } from '../../../main/services/app/appServices.js';
import type { SettingsStore } from '../../../main/services/settings/settingsStore.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { centroid, writeTestImage } from '../../helpers/images.js';

const APP_URL = 'file:///app/out/renderer/index.html';
const listeners = new Map<string, (event: InvokeEvent, request: unknown) => Promise<unknown>>();
const ipcMain: IpcMainLike = { handle: (c, l) => void listeners.set(c, l), removeHandler: (c) => void listeners.delete(c) };

function memorySettings(): SettingsStore<AppSettingsFile> {
  const data: Partial<AppSettingsFile> = {};
  return { get: (k) => data[k], set: (k, v) => void (data[k] = v), delete: (k) => void delete data[k] };
}

function fakeWindow(url: string): WindowLike & { received: AppEvent[] } {
  const received: AppEvent[] = [];
  return { received, webContents: { send: (channel, payload) => channel === EVENT_CHANNEL && received.push(payload as AppEvent), getURL: () => url, isDestroyed: () => false } };
}

async function invoke<T>(channel: Channel, request?: unknown, url = APP_URL): Promise<T> {
  const result = (await listeners.get(ipcChannelName(channel))!({ senderFrame: { url, parent: null } }, request)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let composed: ComposedApp;
let engine: EngineClient;
let folder: string;
const appWindow = fakeWindow(APP_URL);
const strayWindow = fakeWindow('https://evil.example/');

beforeAll(async () => {
  const root = tempDir('app');
  folder = join(root, 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'one.jpg'), 80, 60);
  const models = tinyModels();
  engine = await EngineClient.start({ model: { kind: 'onnx', encoderPath: models.encoder, decoderPath: models.disc }, cacheDir: tempDir('cache') });
  composed = await composeApp({
    identity: { name: 'samlabel', version: '0.1.0' },
    ipcMain,
    engine,
    settings: memorySettings(),
    isTrustedUrl: (url) => url === APP_URL,
    windows: () => [appWindow, strayWindow],
    pickFolder: async () => folder,
  });
}, 60_000);

afterAll(async () => {
  await composed?.close();
  engine?.close();
});

describe('Electron composition', () => {
  it('registers every contract channel on ipcMain', () => {
    expect([...listeners.keys()].sort()).toEqual(channels.map(ipcChannelName).sort());
  });

  it('refuses calls from a page that is not the app', async () => {
    await expect(invoke('app:version', undefined, 'https://evil.example/')).rejects.toThrow(/BadInput: IPC refused/);
  });

  it('picks a folder, opens it, scans, clicks, accepts, remembers it; events reach the app window only', async () => {
    expect(await invoke('app:environment')).toMatchObject({ mode: 'electron', canPickFolder: true });
    const { path } = await invoke<{ path: string }>('project:pickFolder');
    await invoke('project:open', { path });
    await invoke('project:scan');
    const { images } = await invoke<{ images: { imageId: string; url: string; width: number }[] }>('project:listImages', { offset: 0, limit: 10 });
    expect(images).toHaveLength(1);
    expect(images[0].url).toMatch(/^samlabel-image:\/\/image\/\d+\?v=/);
    const imageId = images[0].imageId;
    await invoke('engine:setImage', { imageId });
    const predicted = await invoke<{ maskInputIds: string[] }>('engine:predict', { imageId, pointCoords: [{ x: 30, y: 20 }], pointLabels: [1], multimaskOutput: true });
    const label = await invoke<{ labelId: string }>('labels:add', { name: 'cat' });
    const accepted = await invoke<{ rle: { size: [number, number]; counts: string } }>('annotations:accept', {
      imageId,
      maskInputId: predicted.maskInputIds[0],
      labelId: label.labelId,
      prompts: { pointCoords: [{ x: 30, y: 20 }], pointLabels: [1] },
    });
    const mask = decodeRle(accepted.rle);
    const c = centroid(mask.data, mask.width);
    expect([Math.round(c.x), Math.round(c.y)]).toEqual([30, 20]);
    expect(await invoke('project:recent')).toMatchObject({ projects: [{ folder }] });
    expect(appWindow.received.some((e) => e.type === 'scan' && e.phase === 'done')).toBe(true);
    expect(appWindow.received.some((e) => e.type === 'project' && e.change === 'opened')).toBe(true);
    expect(strayWindow.received).toEqual([]);
  });

  it('serves the image bytes behind samlabel-image:// by id', async () => {
    const { images } = await invoke<{ images: { imageId: string }[] }>('project:listImages', { offset: 0, limit: 10 });
    const { contentType, bytes } = await composed.lookupImage('image', images[0].imageId);
    expect(contentType).toBe('image/jpeg');
    expect(bytes.length).toBeGreaterThan(100);
    await expect(composed.lookupImage('thumb', '999')).rejects.toMatchObject({ code: 'ImageNotFound' });
    await expect(composed.lookupImage('image', '../one.jpg')).rejects.toMatchObject({ code: 'BadInput' });
  });
});
