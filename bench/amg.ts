/**
 * Automatic mask generation (SamAutomaticMaskGenerator over the engine process), ../shared/fixtures/sam-random:
 * - AMG time per image at SAM's defaults (32×32 points, batches of 64) at 1024×683 and 4000×3000, the engine
 *   core run in this process (same code as the engine process, minus the IPC of a few KB of RLE per batch)
 *   so that the peak RSS is one number and the floor is sampled under the same load;
 * - the decoder floor: 1024 × the median of one raw decoder session.run (same graph, feeds, options as the
 *   engine), sampled twice before every batch of the AMG run itself (on a shared machine a floor measured
 *   before or after drifts by tens of percent); those samples are not counted in the AMG time.
 *   The AMG row's ratio is against it (target <= 1.3x);
 * - coverage-aware mode against the full grid with builtin-classic on a sample photo (random weights give
 *   no stable masks to cover with): decoder passes saved, time, and how many full-grid masks it still finds.
 * Env: BENCH_AMG_SIZES (default "1024x683,4000x3000").
 */
import ort from 'onnxruntime-node';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { rleIntersectionArea, rleAreaOf } from '../shared/masks/amg/rleOps.js';
import type { ImageMask } from '../shared/masks/amg/maskData.js';
import { imagePoint } from '../shared/sam/coords.js';
import { buildDecoderFeeds } from '../shared/sam/decoderFeeds.js';
import { applyCoords } from '../shared/sam/resizeLongestSide.js';
import { createBackend } from '../main/inference/backendFactory.js';
import { EngineClient } from '../main/inference/engineClient.js';
import { EngineCore } from '../main/inference/engineCore.js';
import { decodeModel, pruneOutputs } from '../main/inference/onnxGraph.js';
import { DECODER_OUT, decoderTensors } from '../main/inference/onnxSamBackend.js';
import { sessionOptions } from '../main/inference/onnxSession.js';
import { DEFAULT_RUNTIME } from '../main/inference/providers.js';
import type { AmgEngine } from '../main/services/auto/engine.js';
import { SamAutomaticMaskGenerator } from '../main/services/auto/generator.js';
import { modelAmgDefaults } from '../main/services/auto/modelDefaults.js';
import { summarize, timeRuns, type BenchResult } from './stats.js';

const SHARED = join(process.cwd(), '..', 'shared');
const ENCODER = join(SHARED, 'fixtures/sam-random/mobile_sam_like_encoder.onnx');
const DECODER = join(SHARED, 'fixtures/sam-random/sam_decoder_multi.onnx');
const MB = 1024 * 1024;

interface Floor {
  readonly run: () => Promise<unknown>;
  readonly samples: number[];
  spentMs: number;
}

async function decoderFloor(image: string, size: { width: number; height: number }): Promise<Floor> {
  const options = sessionOptions(DEFAULT_RUNTIME, 'cpu');
  const encoder = await ort.InferenceSession.create(readFileSync(ENCODER), options);
  const decoder = await ort.InferenceSession.create(pruneOutputs(decodeModel(readFileSync(DECODER), 'decoder'), DECODER_OUT), options);
  const h = Math.round((1024 * size.height) / size.width);
  const rgb = await sharp(image).resize(1024, h, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const emb = (await encoder.run({ input_image: new ort.Tensor('float32', Float32Array.from(rgb), [h, 1024, 3]) })).image_embeddings.data as Float32Array;
  const feeds = buildDecoderFeeds({ pointCoords: applyCoords([imagePoint(size.width / 3, size.height / 3)], size), pointLabels: [1], origSize: size });
  await timeRuns(0, 3, () => decoder.run(decoderTensors(emb, feeds)));
  return { run: () => decoder.run(decoderTensors(emb, feeds)), samples: [], spentMs: 0 };
}

/** The engine core as AMG's engine, taking two floor samples before each batch. */
function sampling(core: EngineCore, floor: Floor): AmgEngine {
  return {
    setImage: (image) => core.setImage(typeof image === 'string' ? { path: image } : { bytes: image }),
    predictPointBatch: async (request) => {
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await floor.run();
        floor.samples.push(performance.now() - t0);
      }
      floor.spentMs += floor.samples.slice(-2).reduce((a, b) => a + b, 0);
      return core.predictPointBatch(request);
    },
  } as AmgEngine;
}

async function amgRows(core: EngineCore, image: string, label: string, size: { width: number; height: number }): Promise<BenchResult[]> {
  const floor = await decoderFloor(image, size);
  await core.setImage({ path: image }); // encoder pass outside the timing: AMG time is the generator's
  const t0 = performance.now();
  const r = await new SamAutomaticMaskGenerator(sampling(core, floor), {}).generate(image);
  const amgMs = performance.now() - t0 - floor.spentMs;
  const floorRow = summarize(`decoder floor: 1024 x raw decoder session.run median, ${label}`, floor.samples.map((t) => t * 1024));
  const amg = { ...summarize(`AMG 32x32 points, SAM defaults, sam-random decoder, ${label} (${r.records.length} masks)`, [amgMs]), baseline: floorRow.name };
  const t = r.stats.timingsMs;
  const rss = Math.round((process.resourceUsage().maxRSS * 1024) / MB);
  const one = (name: string, unit: string, v: number): BenchResult => ({ name, unit, median: Math.round(v), p95: Math.round(v), runs: 1 });
  return [
    floorRow,
    { ...amg, ratio: Number((amgMs / floorRow.median).toPrecision(3)) },
    one(`AMG ${label}: decode inside the engine core (${r.stats.decoderRuns} decoder runs)`, 'ms', t.decode),
    one(`AMG ${label}: IoU/stability filtering + RLE inside the engine core`, 'ms', t.filter),
    one(`AMG ${label}: everything but the decoder calls (AMG - decode)`, 'ms', amgMs - t.decode),
    one(`AMG ${label}: peak RSS so far, engine core + generator in one process`, 'MiB', rss),
  ];
}

/** Share of the full grid's masks that the coverage-aware run also has (IoU > 0.8), and their mean best IoU. */
function recall(full: ImageMask[], covered: ImageMask[]): { found: number; meanIou: number } {
  const best = full.map((f) => {
    const a = rleAreaOf(f.rle);
    return Math.max(0, ...covered.map((c) => {
      const i = rleIntersectionArea(f.rle, c.rle);
      return i / (a + rleAreaOf(c.rle) - i);
    }));
  });
  return { found: best.filter((v) => v > 0.8).length / Math.max(1, full.length), meanIou: best.reduce((s, v) => s + v, 0) / Math.max(1, best.length) };
}

async function coverageRows(dir: string): Promise<BenchResult[]> {
  const client = await EngineClient.start({ model: { kind: 'builtin', id: 'builtin-classic' }, cacheDir: join(dir, 'cache-builtin') });
  try {
    const image = join(SHARED, 'samples/dog.jpg');
    await client.setImage(image);
    const params = { ...modelAmgDefaults(client.info.modelId), pointsPerSide: 16, pointsPerBatch: 16 };
    const t0 = performance.now();
    const full = await new SamAutomaticMaskGenerator(client, params).generate(image);
    const t1 = performance.now();
    const cov = await new SamAutomaticMaskGenerator(client, { ...params, coverageAware: true }).generate(image);
    const t2 = performance.now();
    const q = recall(full.masks, cov.masks);
    const label = 'builtin-classic, dog.jpg 800x534, 16x16 points, batches of 16';
    return [
      { name: `AMG full grid, ${label} (${full.records.length} masks)`, unit: 'ms', median: Math.round(t1 - t0), p95: Math.round(t1 - t0), runs: 1 },
      { name: `AMG coverage-aware, ${label} (${cov.records.length} masks)`, unit: 'ms', median: Math.round(t2 - t1), p95: Math.round(t2 - t1), runs: 1, baseline: 'AMG full grid', ratio: Number(((t2 - t1) / (t1 - t0)).toPrecision(3)) },
      { name: `AMG coverage-aware: decoder passes saved of ${full.stats.decoderRuns}`, unit: 'passes', median: full.stats.decoderRuns - cov.stats.decoderRuns, p95: cov.stats.pointsSkipped, runs: 1 },
      { name: 'AMG coverage-aware: full-grid masks also found (IoU > 0.8); p95 = mean best IoU', unit: 'share', median: Number(q.found.toFixed(3)), p95: Number(q.meanIou.toFixed(3)), runs: 1 },
    ];
  } finally {
    client.close();
  }
}

export async function benchAmg(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samlabel-bench-amg-'));
  const results: BenchResult[] = [];
  const { backend } = await createBackend({ kind: 'onnx', encoderPath: ENCODER, decoderPath: DECODER }, DEFAULT_RUNTIME);
  const core = new EngineCore(backend, { cacheDir: join(dir, 'cache'), diskCapBytes: 2 ** 30, ramCapBytes: 2 ** 28 });
  try {
    for (const label of (process.env.BENCH_AMG_SIZES ?? '1024x683,4000x3000').split(',')) {
      const [width, height] = label.split('x').map(Number);
      const image = join(dir, `truck-${label}.jpg`);
      await sharp(join(SHARED, 'samples/truck.jpg')).resize(width, height, { fit: 'fill' }).jpeg().toFile(image);
      process.stderr.write(`bench: amg ${label}...\n`);
      results.push(...(await amgRows(core, image, label, { width, height })));
    }
  } finally {
    await backend.dispose();
  }
  results.push(...(await coverageRows(dir)));
  return results;
}
