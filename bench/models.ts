/**
 * Model-manager benchmarks: per family, the decoder (with its adapter's feeds and frame conversion) on the
 * random-weight graphs of ../shared/fixtures/sam-random; decoder session options (threads 1 vs 2, spinning
 * on/off); download throughput (hash + resume bookkeeping) against a plain stream copy of the same bytes.
 */
import ort from 'onnxruntime-node';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buildDecoderFeeds } from '../shared/sam/decoderFeeds.js';
import { modelPoint } from '../shared/sam/coords.js';
import { familyById } from '../main/inference/families/index.js';
import { graphInfo } from '../main/inference/families/graphInfo.js';
import { decodeModel, pruneOutputs } from '../main/inference/onnxGraph.js';
import { sessionOptions } from '../main/inference/onnxSession.js';
import { downloadFile } from '../main/services/models/download.js';
import { against, summarize, timeInterleaved, type BenchResult } from './stats.js';

const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const RUNS = 20;
const ORIG = { width: 1024, height: 683 };

const DECODERS: Array<[file: string, family: string]> = [
  ['sam_decoder_multi.onnx', 'sam1-hwc-preprocess-in-graph'],
  ['sam_decoder_single.onnx', 'sam1-hwc-preprocess-in-graph'],
  ['sam2_decoder_multi.onnx', 'sam2-samexporter'],
];

interface Loaded {
  run: () => Promise<unknown>;
}

async function loadDecoder(file: string, familyId: string, options: ort.InferenceSession.SessionOptions): Promise<Loaded> {
  const family = familyById(familyId);
  const model = decodeModel(readFileSync(join(FIXTURES, file)), file);
  const graph = graphInfo(model);
  const { iou, lowRes } = family.decoderOutputs(graph);
  const session = await ort.InferenceSession.create(pruneOutputs(model, [iou, lowRes]), options);
  const parts = graph.inputs
    .filter((t) => t.dims.length === 4 && t.name !== 'mask_input')
    .map((t) => Float32Array.from({ length: t.dims.reduce<number>((a, d) => a * (d ?? 1), 1) }, () => Math.random() - 0.5));
  const feeds = buildDecoderFeeds({ pointCoords: [modelPoint(500, 300)], pointLabels: [1], origSize: { height: ORIG.height, width: ORIG.width } });
  return {
    run: async () => {
      const out = await session.run(family.decoderFeeds(parts, feeds, graph));
      const count = (out[iou].data as Float32Array).length;
      return family.lowResToEngine(out[lowRes].data as Float32Array, count, ORIG);
    },
  };
}

async function familyRows(): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  for (const [file, family] of DECODERS) {
    const d = await loadDecoder(file, family, sessionOptions({ provider: 'cpu', threads: 0 }, 'cpu'));
    const [samples] = await timeInterleaved(RUNS, 3, [d.run]);
    rows.push(summarize(`models: ${family} decoder ${file}, 1 click, 1024x683 (adapter feeds + frame conversion)`, samples));
  }
  return rows;
}

function optionsFor(threads: number, spin: boolean): ort.InferenceSession.SessionOptions {
  const base = sessionOptions({ provider: 'cpu', threads }, 'cpu');
  return { ...base, extra: { session: { intra_op: { allow_spinning: spin ? '1' : '0' } } } };
}

async function sessionOptionRows(): Promise<BenchResult[]> {
  const variants: Array<[string, number, boolean]> = [
    ['threads 1, spinning off', 1, false],
    ['threads 2, spinning off', 2, false],
    ['threads 1, spinning on', 1, true],
    ['threads 2, spinning on', 2, true],
    ['threads 0 (all cores), spinning off [engine default]', 0, false],
  ];
  const loaded = [];
  for (const [, threads, spin] of variants) loaded.push(await loadDecoder('sam_decoder_multi.onnx', 'sam1-hwc-preprocess-in-graph', optionsFor(threads, spin)));
  const samples = await timeInterleaved(RUNS, 3, loaded.map((l) => l.run));
  const rows = variants.map(([name], i) => summarize(`models: decoder session options, ${name}`, samples[i]));
  const base = rows[rows.length - 1];
  return rows.map((r, i) => (i === rows.length - 1 ? r : against(r, base)));
}

export async function benchModelsDownload(): Promise<BenchResult[]> {
  const bytes = randomBytes(64 * 1024 * 1024);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(bytes.length) });
    res.end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.onnx`;
  const dir = mkdtempSync(join(tmpdir(), 'samlabel-bench-dl-'));
  let n = 0;
  const plain = async () => {
    const dest = join(dir, `plain-${n++}`);
    await new Promise<void>((resolve, reject) => get(url, (res) => void pipeline(res, createWriteStream(dest)).then(resolve, reject)).on('error', reject));
    rmSync(dest);
  };
  const verified = async () => {
    const dest = join(dir, `dl-${n++}`);
    await downloadFile({ source: url, dest, expected: { size: bytes.length, sha256: null }, env: {} });
    rmSync(dest);
  };
  const [p, v] = await timeInterleaved(9, 1, [plain, verified]);
  server.close();
  rmSync(dir, { recursive: true, force: true });
  const mbps = (ms: number[]) => ms.map((t) => bytes.length / 1024 ** 2 / (t / 1000));
  const plainRow = summarize('models: download 64 MiB over loopback, plain stream copy (baseline)', mbps(p), 'MB/s');
  return [plainRow, against(summarize('models: download 64 MiB over loopback, downloadFile (.part + sha256 + size check)', mbps(v), 'MB/s'), plainRow)];
}

export async function benchModels(): Promise<BenchResult[]> {
  return [...(await familyRows()), ...(await sessionOptionRows()), ...(await benchModelsDownload())];
}
