import ort from 'onnxruntime-node';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { imageBox, imagePoint, type ClickLabel, type ImagePoint, type Size } from '../shared/sam/coords.js';
import { buildDecoderFeeds } from '../shared/sam/decoderFeeds.js';
import { applyBox, applyCoords } from '../shared/sam/resizeLongestSide.js';
import { EngineClient } from '../main/inference/engineClient.js';
import { decodeModel, pruneOutputs } from '../main/inference/onnxGraph.js';
import { DECODER_OUT, decoderTensors } from '../main/inference/onnxSamBackend.js';
import { sessionOptions } from '../main/inference/onnxSession.js';
import { DEFAULT_RUNTIME } from '../main/inference/providers.js';
import { against, summarize, timeInterleaved, timeRuns, type BenchResult } from './stats.js';

const SHARED = join(process.cwd(), '..', 'shared');
const ENCODER = join(SHARED, 'fixtures/sam-random/mobile_sam_like_encoder.onnx');
const DECODER = join(SHARED, 'fixtures/sam-random/sam_decoder_multi.onnx');
const RUNS = 30;

interface Prompt {
  name: string;
  pointCoords: ImagePoint[];
  pointLabels: ClickLabel[];
  box?: ReturnType<typeof imageBox>;
  withMask: boolean;
}

function prompts(size: Size): Prompt[] {
  const p = (fx: number, fy: number): ImagePoint => imagePoint(size.width * fx, size.height * fy);
  const five = [p(0.5, 0.5), p(0.2, 0.3), p(0.7, 0.6), p(0.4, 0.8), p(0.6, 0.2)];
  return [
    { name: '1 point', pointCoords: [p(0.5, 0.5)], pointLabels: [1], withMask: false },
    { name: '5 points + box', pointCoords: five, pointLabels: [1, 0, 1, 0, 1], box: imageBox(size.width * 0.1, size.height * 0.1, size.width * 0.9, size.height * 0.9), withMask: false },
    { name: '1 point + mask_input', pointCoords: [p(0.5, 0.5)], pointLabels: [1], withMask: true },
  ];
}

async function makeImages(dir: string): Promise<Array<{ label: string; path: string }>> {
  const small = join(dir, 'truck-1024x683.jpg');
  const large = join(dir, 'truck-4000x3000.jpg');
  await sharp(join(SHARED, 'samples/truck.jpg')).resize(1024, 683, { fit: 'fill' }).jpeg().toFile(small);
  await sharp(join(SHARED, 'samples/truck.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg().toFile(large);
  return [
    { label: '1024x683', path: small },
    { label: '4000x3000', path: large },
  ];
}

/** The same decoder, session options, feeds and requested outputs as the engine, called directly in this process. */
async function rawSessions(): Promise<{ pruned: ort.InferenceSession; full: ort.InferenceSession }> {
  const bytes = readFileSync(DECODER);
  const options = sessionOptions(DEFAULT_RUNTIME, 'cpu');
  const pruned = await ort.InferenceSession.create(pruneOutputs(decodeModel(bytes, 'decoder'), DECODER_OUT), options);
  const full = await ort.InferenceSession.create(bytes, options);
  return { pruned, full };
}

export async function benchEngine(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samlabel-bench-'));
  const images = await makeImages(dir);
  const results: BenchResult[] = [];
  const client = await EngineClient.start({ model: { kind: 'onnx', encoderPath: ENCODER, decoderPath: DECODER }, cacheDir: join(dir, 'cache') });
  const raw = await rawSessions();
  const encoderSession = await ort.InferenceSession.create(readFileSync(ENCODER), sessionOptions(DEFAULT_RUNTIME, 'cpu'));
  try {
    for (const image of images) {
      const set = await client.setImage(image.path);
      const size = { height: set.height, width: set.width };
      const rgb = await sharp(image.path).resize(1024, Math.round((1024 * size.height) / size.width), { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const emb = (await encoderSession.run({ input_image: new ort.Tensor('float32', Float32Array.from(rgb.data), [rgb.info.height, rgb.info.width, 3]) })).image_embeddings.data as Float32Array;
      const first = await client.predict({ pointCoords: [imagePoint(size.width / 2, size.height / 2)], pointLabels: [1] });
      const maskInput = first.lowResLogits.slice(0, 256 * 256);
      for (const prompt of prompts(size)) {
        const req = { pointCoords: prompt.pointCoords, pointLabels: prompt.pointLabels, box: prompt.box, maskInput: prompt.withMask ? maskInput : undefined };
        const feeds = buildDecoderFeeds({ pointCoords: applyCoords(prompt.pointCoords, size), pointLabels: prompt.pointLabels, box: prompt.box ? applyBox(prompt.box, size) : undefined, maskInput: req.maskInput ?? null, origSize: size });
        const tensors = decoderTensors(emb, feeds);
        const [pruned, subset, viaEngine] = await timeInterleaved(RUNS, 3, [() => raw.pruned.run(tensors), () => raw.full.run(tensors, DECODER_OUT), () => client.predict(req)]);
        const rawPruned = summarize(`raw session.run, pruned decoder, ${prompt.name}, ${image.label}`, pruned);
        const rawSubset = summarize(`raw session.run, original decoder asking ${DECODER_OUT.join('+')}, ${prompt.name}, ${image.label}`, subset);
        const engine = summarize(`engine predict (low-res), ${prompt.name}, ${image.label}`, viaEngine);
        results.push(rawPruned, against(rawSubset, rawPruned), against(engine, rawPruned));
      }
    }
    results.push(...(await benchSetImage(client, images[0].path, dir)));
  } finally {
    client.close();
  }
  return results;
}

async function benchSetImage(client: EngineClient, image: string, dir: string): Promise<BenchResult[]> {
  const encodes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await client.cacheClear();
    const set = await client.setImage(image);
    encodes.push(set.timingsMs.encode);
  }
  const encode = summarize('encoder (MobileSAM-cost), 1024x683, inside setImage', encodes);
  const ramHit = summarize('setImage cache hit (RAM), 1024x683 JPEG, round trip', await timeRuns(20, 2, () => client.setImage(image)));
  const fresh = await EngineClient.start({ model: { kind: 'onnx', encoderPath: ENCODER, decoderPath: DECODER }, cacheDir: join(dir, 'cache'), ramCapBytes: 0 });
  try {
    const diskHit = summarize('setImage cache hit (disk), 1024x683 JPEG, round trip', await timeRuns(20, 2, () => fresh.setImage(image)));
    return [encode, against(ramHit, encode), against(diskHit, encode)];
  } finally {
    fresh.close();
  }
}
