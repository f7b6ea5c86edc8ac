/**
 * `samlabel serve` under load: a project of 1000 images with 10k annotations (bench/export.ts's synthetic
 * set, imported into a real project), served with the random-weight SAM graphs. Predicts go over the real
 * WebSocket (the renderer's own transport) first idle, then while a COCO polygon export of all 10k
 * annotations runs in its worker; the serve process's event-loop delay is sampled all along
 * (perf_hooks.monitorEventLoopDelay). Target (issue 8): predicts keep their idle latency and the loop
 * never lags > 50 ms.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import WebSocket from 'ws';
import type { SamlabelClient } from '../shared/ipc/api.js';
import type { AppEvent } from '../shared/ipc/events.js';
import { imagePoint } from '../shared/sam/coords.js';
import { EngineClient } from '../main/inference/engineClient.js';
import { startServe, type ServeHandle } from '../main/server/serve.js';
import { Project } from '../main/services/projects/project.js';
import { importDataset } from '../main/services/projects/dataset.js';
import { scanProject } from '../main/services/projects/scan.js';
import { createClient } from '../renderer/ipc/createClient.js';
import { createWsApi, type SocketLike } from '../renderer/ipc/wsApi.js';
import { syntheticDataset } from './export.js';
import { against, summarize, type BenchResult } from './stats.js';

const SHARED = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const IDLE_PREDICTS = 30;

async function buildProject(root: string): Promise<string> {
  const folder = join(root, 'photos');
  const dataset = syntheticDataset();
  for (const [i, image] of dataset.images.entries()) {
    const path = join(folder, image.relPath);
    mkdirSync(dirname(path), { recursive: true });
    const colour = { r: i % 256, g: (i * 7) % 256, b: (i * 13) % 256 };
    await sharp({ create: { width: image.width, height: image.height, channels: 3, background: colour } }).jpeg().toFile(path);
  }
  const project = Project.init(folder);
  try {
    await scanProject(project);
    importDataset(project, dataset, { mode: 'merge' });
  } finally {
    project.close();
  }
  return folder;
}

function client(handle: ServeHandle): SamlabelClient {
  const utf8 = { encode: (s: string) => new TextEncoder().encode(s), decode: (b: Uint8Array) => new TextDecoder().decode(b) };
  const open = (): SocketLike => {
    const ws = new WebSocket(`ws://127.0.0.1:${handle.port}/rpc`, { headers: { Cookie: `samlabel_token_${handle.port}=${handle.token}`, Origin: handle.origin } });
    ws.binaryType = 'arraybuffer';
    return ws as unknown as SocketLike;
  };
  return createClient(createWsApi(open, utf8));
}

async function timedPredict(api: SamlabelClient, imageId: string, i: number): Promise<number> {
  const t0 = performance.now();
  await api.engine.predict({ imageId, pointCoords: [{ x: 100 + (i % 400), y: 80 + (i % 300) }], pointLabels: [1], multimaskOutput: true });
  return performance.now() - t0;
}

export async function benchServeExport(): Promise<BenchResult[]> {
  const encoderPath = join(SHARED, 'mobile_sam_like_encoder.onnx');
  const decoderPath = join(SHARED, 'sam_decoder_multi.onnx');
  if (!existsSync(encoderPath)) return [];
  const root = mkdtempSync(join(tmpdir(), 'samlabel-bench-serve-'));
  process.env.SAMLABEL_CONFIG_DIR = join(root, 'config');
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  const folder = await buildProject(root);
  const engine = await EngineClient.start({ model: { kind: 'onnx', encoderPath, decoderPath }, cacheDir: join(root, 'cache') });
  const handle = await startServe({ folder, engine, requestedProvider: 'cpu', rendererDir, version: 'bench' });
  try {
    const api = client(handle);
    await api.project.scan();
    const { images } = await api.project.listImages({ offset: 0, limit: 1 });
    const imageId = images[0].imageId;
    await api.engine.setImage({ imageId });
    for (let i = 0; i < 5; i++) await timedPredict(api, imageId, i);
    // What serve adds to a click: the same predicts straight on the engine client, interleaved with WS ones.
    const direct: number[] = [];
    const viaSocket: number[] = [];
    for (let i = 0; i < IDLE_PREDICTS; i++) {
      const t0 = performance.now();
      await engine.predict({ pointCoords: [imagePoint(100 + i, 80 + i)], pointLabels: [1], multimaskOutput: true });
      direct.push(performance.now() - t0);
      viaSocket.push(await timedPredict(api, imageId, i));
    }
    // Control: the same predicts and the same loop sampling with no export running.
    const idleLoop = monitorEventLoopDelay({ resolution: 5 });
    idleLoop.enable();
    const idleElu = performance.eventLoopUtilization();
    const idle: number[] = [];
    for (let i = 0; i < IDLE_PREDICTS; i++) idle.push(await timedPredict(api, imageId, i));
    const idleUtil = performance.eventLoopUtilization(idleElu).utilization;
    idleLoop.disable();

    const loop = monitorEventLoopDelay({ resolution: 5 });
    const ended = new Promise<AppEvent>((resolve) => api.onEvent((e) => e.type === 'export' && e.phase !== 'started' && e.phase !== 'progress' && resolve(e)));
    let exporting = true;
    void ended.then(() => (exporting = false));
    loop.enable();
    const exportElu = performance.eventLoopUtilization();
    const t0 = performance.now();
    await api.export.start({ format: 'coco' });
    const during: number[] = [];
    for (let i = 0; exporting; i++) during.push(await timedPredict(api, imageId, i));
    const end = await ended;
    const exportMs = performance.now() - t0;
    const exportUtil = performance.eventLoopUtilization(exportElu).utilization;
    loop.disable();
    if (end.type !== 'export' || end.phase !== 'done' || end.annotations !== 10_000) throw new Error(`export did not finish: ${JSON.stringify(end)}`);
    const lagMs = (ns: number): number => Math.max(0, ns / 1e6 - 5);
    const over50 = loop.percentile(99.9) / 1e6 - 5;
    return [
      summarize('serve: predict on the engine client directly (no serve), interleaved', direct),
      against(summarize('serve: predict over WebSocket, interleaved with the direct ones', viaSocket), summarize('serve: predict on the engine client directly (no serve), interleaved', direct)),
      summarize('serve: predict over WebSocket, idle (sam-random decoder)', idle),
      summarize(`serve: predict over WebSocket during a 10k-annotation COCO export (${during.length} predicts)`, during),
      { name: 'serve: event-loop lag, idle predicts only (p50 / max)', unit: 'ms', median: Number(lagMs(idleLoop.percentile(50)).toFixed(2)), p95: Number(lagMs(idleLoop.max).toFixed(2)), runs: idleLoop.count },
      { name: 'serve: event-loop lag during the export (p50 / max)', unit: 'ms', median: Number(lagMs(loop.percentile(50)).toFixed(2)), p95: Number(lagMs(loop.max).toFixed(2)), runs: loop.count },
      { name: 'serve: event-loop lag during the export, p99.9', unit: 'ms', median: Number(Math.max(0, over50).toFixed(2)), p95: Number(Math.max(0, over50).toFixed(2)), runs: loop.count },
      // Share of wall time the serve thread was busy (ELU): equal with and without the export = no export work on the loop.
      { name: 'serve: event-loop utilisation, idle predicts vs during the export', unit: '%', median: Number((idleUtil * 100).toFixed(1)), p95: Number((exportUtil * 100).toFixed(1)), runs: 2 },
      { name: 'serve: 10k-annotation COCO polygon export in its worker', unit: 'ms', median: Math.round(exportMs), p95: Math.round(exportMs), runs: 1 },
    ];
  } finally {
    await handle.close();
    engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchServeExport()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
