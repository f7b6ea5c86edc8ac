/**
 * A running `samlabel serve` in-process for tests: a temp project folder with images, the generated
 * disc model (test/helpers/tinyModels.ts) in a real engine process, a stub renderer bundle, and a
 * WebSocket client speaking the real wire format through the renderer's own transport (wsApi.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { EngineClient } from '../../../main/inference/engineClient.js';
import { startServe, type ServeHandle, type ServeOptions } from '../../../main/server/serve.js';
import { createClient } from '../../../renderer/ipc/createClient.js';
import { createWsApi, type SocketLike } from '../../../renderer/ipc/wsApi.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

export interface ServeFixture {
  readonly handle: ServeHandle;
  readonly folder: string;
  readonly engine: EngineClient;
  close(): Promise<void>;
}

export const utf8 = { encode: (s: string) => new TextEncoder().encode(s), decode: (b: Uint8Array) => new TextDecoder().decode(b) };

/** A project with a plain 64×48 JPEG and an EXIF-rotated (orientation 6) one displayed 40×60. */
export async function startFixture(extra: Partial<ServeOptions> = {}): Promise<ServeFixture> {
  const root = tempDir('serve');
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  const folder = join(root, 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'a.jpg'), 64, 48, { red: { x: 10, y: 10, w: 8, h: 8 } });
  await writeTestImage(join(folder, 'b.jpg'), 40, 60, { orientation: 6 });
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>samlabel</title>');
  const models = tinyModels();
  const engine = await EngineClient.start({ model: { kind: 'onnx', encoderPath: models.encoder, decoderPath: models.disc }, cacheDir: tempDir('cache') });
  const handle = await startServe({ folder, engine, requestedProvider: 'cpu', rendererDir, version: '0.0.0-test', ...extra });
  await handle.services.store.call('scan');
  return {
    handle,
    folder,
    engine,
    close: async () => {
      await handle.close();
      engine.close();
    },
  };
}

/** The renderer's client over a real socket, authenticated like a page that loaded the token URL. */
export function wsClient(handle: ServeHandle, headers: Record<string, string> = {}): SamlabelClient {
  const open = (): SocketLike => {
    const ws = new WebSocket(`ws://127.0.0.1:${handle.port}/rpc`, {
      headers: { Cookie: `samlabel_token_${handle.port}=${handle.token}`, Origin: handle.origin, ...headers },
    });
    ws.binaryType = 'arraybuffer';
    return ws as unknown as SocketLike;
  };
  return createClient(createWsApi(open, utf8));
}

/** Opens a raw socket with the given headers; resolves with the upgrade's HTTP status (101 when accepted). */
export function upgradeStatus(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}
