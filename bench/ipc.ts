/**
 * What the renderer's contract check (renderer/ipc/receive.ts) adds to a click: the parse of one
 * engine:predict answer, against the unchecked unwrap it replaced, with the wire decode of the same
 * answer for scale. The answer is a real one — `samlabel serve` with the random-weight SAM graphs on a
 * 1024×768 image, captured off the socket — so the rows follow whatever shape the contract gives
 * engine:predict. Per-op times in microseconds, each sample the mean of a batch (one parse is too short
 * for the timer); contenders interleaved so load moves them alike.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import { deserializeError } from '../shared/errors.js';
import type { IpcResult } from '../shared/ipc/api.js';
import type { Channel } from '../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../shared/ipc/wire.js';
import { EngineClient } from '../main/inference/engineClient.js';
import { startServe, type ServeHandle } from '../main/server/serve.js';
import { unwrapResponse } from '../renderer/ipc/receive.js';
import { against, summarize, timeInterleaved, type BenchResult } from './stats.js';

const SHARED = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const utf8 = { encode: (s: string) => new TextEncoder().encode(s), decode: (b: Uint8Array) => new TextDecoder().decode(b) };
const BATCH = 200;
const RUNS = 60;

type Frame = string | Uint8Array;

/** A bare socket to serve that answers with the raw frame of each call's answer (events skipped). */
async function rawRpc(handle: ServeHandle): Promise<{ call: (channel: Channel, request?: unknown) => Promise<Frame>; close: () => void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${handle.port}/rpc`, { headers: { Cookie: `samlabel_token_${handle.port}=${handle.token}`, Origin: handle.origin } });
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (frame: Frame) => void>();
  ws.on('message', (data: ArrayBuffer | Buffer, isBinary: boolean) => {
    const frame: Frame = isBinary ? new Uint8Array(data as ArrayBuffer) : String(data);
    const message = decodeWire(frame, utf8) as { id?: number };
    if (typeof message.id === 'number') waiting.get(message.id)?.(frame);
  });
  let nextId = 1;
  const call = (channel: Channel, request?: unknown) =>
    new Promise<Frame>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(encodeWire({ id, channel, request }, utf8));
    });
  return { call, close: () => ws.close() };
}

/** Before the contract check: the envelope trusted as it came (renderer/ipc/createClient.ts until this row). */
function uncheckedUnwrap(envelope: unknown): unknown {
  const result = envelope as IpcResult<unknown>;
  if (result.ok) return result.value;
  throw deserializeError(result.error);
}

const perOp = (samples: number[]): number[] => samples.map((ms) => (ms / BATCH) * 1000);

async function predictFrame(root: string): Promise<Frame> {
  const folder = join(root, 'photos');
  mkdirSync(folder);
  await sharp({ create: { width: 1024, height: 768, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toFile(join(folder, 'a.jpg'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  const model = { kind: 'onnx' as const, encoderPath: join(SHARED, 'mobile_sam_like_encoder.onnx'), decoderPath: join(SHARED, 'sam_decoder_multi.onnx') };
  const engine = await EngineClient.start({ model, cacheDir: join(root, 'cache') });
  const handle = await startServe({ folder, engine, requestedProvider: 'cpu', rendererDir: root, version: 'bench' });
  const rpc = await rawRpc(handle);
  try {
    const answer = (frame: Frame) => (decodeWire(frame, utf8) as { result: unknown }).result;
    await rpc.call('project:scan');
    const listed = uncheckedUnwrap(answer(await rpc.call('project:listImages', { offset: 0, limit: 1 }))) as { images: { imageId: string }[] };
    const imageId = listed.images[0].imageId;
    uncheckedUnwrap(answer(await rpc.call('engine:setImage', { imageId })));
    const request = { imageId, pointCoords: [{ x: 500, y: 380 }], pointLabels: [1], multimaskOutput: true };
    const frame = await rpc.call('engine:predict', request);
    unwrapResponse('engine:predict', answer(frame)); // a bench of a refused answer would measure nothing
    return frame;
  } finally {
    rpc.close();
    await handle.close();
    engine.close();
  }
}

export async function benchIpc(): Promise<BenchResult[]> {
  if (!existsSync(join(SHARED, 'sam_decoder_multi.onnx'))) return [];
  const root = mkdtempSync(join(tmpdir(), 'samlabel-bench-ipc-'));
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  try {
    const frame = await predictFrame(root);
    const bytes = typeof frame === 'string' ? frame.length : frame.byteLength;
    // One decoded answer, parsed again and again: parsing never changes its input.
    const envelope = (decodeWire(frame, utf8) as { result: unknown }).result;
    const batch = (fn: () => unknown) => async () => {
      for (let i = 0; i < BATCH; i++) fn();
    };
    const [decode, unchecked, checked] = await timeInterleaved(RUNS, 5, [
      batch(() => decodeWire(frame, utf8)),
      batch(() => uncheckedUnwrap(envelope)),
      batch(() => unwrapResponse('engine:predict', envelope)),
    ]);
    // The ratio is against the decode, a cost every answer already pays: the unchecked unwrap is ~free.
    const decoded = summarize(`ipc: renderer wire decode of an engine:predict frame (${bytes} B, serve)`, perOp(decode), 'us');
    return [
      decoded,
      summarize('ipc: renderer unwrap of an engine:predict answer, unchecked (old path)', perOp(unchecked), 'us'),
      against(summarize('ipc: renderer parse of engine:predict response (contract check)', perOp(checked), 'us'), decoded),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchIpc()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
