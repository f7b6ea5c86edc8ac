import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../../main/inference/engineClient.js';
import { startServe, type ServeHandle } from '../../../main/server/serve.js';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { startOnnx } from '../../helpers/engineHarness.js';
import { wsClient } from '../serve/harness.js';

export type AutoEvent = Extract<AppEvent, { type: 'auto' }>;

export interface AutoServe {
  readonly client: SamlabelClient;
  /** Every `auto` event so far, in arrival order. */
  readonly events: AutoEvent[];
  /** Image id by file name, after the first scan. */
  readonly ids: Record<string, string>;
  /** The job's end event (done, failed or cancelled); throws if it does not come within 10 s. */
  ended(jobId: string): Promise<AutoEvent>;
  close(): Promise<void>;
}

/** `samlabel serve` on a scanned folder with a real engine for the given ONNX pair, and a socket client on it. */
export async function startAutoServe(root: string, folder: string, encoderPath: string, decoderPath: string): Promise<AutoServe> {
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>samlabel</title>');
  const engine: EngineClient = await startOnnx(encoderPath, decoderPath);
  const handle: ServeHandle = await startServe({ folder, engine, requestedProvider: 'cpu', rendererDir, version: '0.0.0-test' });
  await handle.services.store.call('scan');
  const client = wsClient(handle);
  const events: AutoEvent[] = [];
  client.onEvent((e) => e.type === 'auto' && events.push(e));
  const { images } = await client.project.listImages({ offset: 0, limit: 10 });
  const ids = Object.fromEntries(images.map((i) => [i.fileName, i.imageId]));
  const ended = async (jobId: string): Promise<AutoEvent> => {
    for (let i = 0; i < 400; i++) {
      const end = events.find((e) => e.jobId === jobId && e.phase !== 'progress');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`job ${jobId} did not end`);
  };
  const close = async (): Promise<void> => {
    await handle.close();
    engine.close();
  };
  return { client, events, ids, ended, close };
}
