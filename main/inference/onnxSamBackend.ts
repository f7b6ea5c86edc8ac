import ort from 'onnxruntime-node';
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SamlabelError } from '../../shared/errors.js';
import { LOW_RES_SIZE } from '../../shared/sam/constants.js';
import type { DecoderFeeds } from '../../shared/sam/decoderFeeds.js';
import type { BackendInfo, DecodeOutput, EngineBackend, RgbImage } from './backend.js';
import { detectFamily, type FamilyAdapter, type GraphInfo } from './families/index.js';
import { sam1DecoderTensors, SAM1_DECODER_OUT } from './families/sam1Decoder.js';
import { graphInfo } from './families/graphInfo.js';
import { sam1Select } from './families/family.js';
import { decodeModel, pruneOutputs } from './onnxGraph.js';
import { createSession } from './onnxSession.js';
import type { RuntimeOptions } from './providers.js';

/** The engine upsamples itself, only where asked; the graph's full-size `masks` output is pruned away. */
export const DECODER_OUT = [SAM1_DECODER_OUT.iou, SAM1_DECODER_OUT.lowRes];

const DECODER_THREADS = 1;

/** Per image: the encoder outputs the family's decoder takes (SAM 1: one embedding; SAM 2: three tensors). */
export type Embedding = Float32Array[];

export interface OnnxSamBackend extends EngineBackend<Embedding> {
  readonly decoderMaskCount: number;
  readonly family: FamilyAdapter;
  readonly warnings: string[];
}

async function readModel(path: string, role: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch {
    throw new SamlabelError('ModelMissing', `${role} model not found: ${path}`);
  }
}

/** Cheap identity of a model file: content at both ends + size + mtime; hashing a 2.5 GB ViT-H each start is not. */
async function fingerprint(path: string): Promise<string> {
  const info = await stat(path);
  const handle = await open(path, 'r');
  try {
    const edge = Math.min(65536, info.size);
    const head = Buffer.alloc(edge);
    const tail = Buffer.alloc(edge);
    await handle.read(head, 0, edge, 0);
    await handle.read(tail, 0, edge, info.size - edge);
    const h = createHash('sha256').update(head).update(tail).update(`${info.size}:${info.mtimeMs}`);
    return h.digest('hex').slice(0, 16);
  } finally {
    await handle.close();
  }
}

interface PreparedDecoder {
  readonly pruned: Uint8Array;
  readonly graph: GraphInfo;
  readonly maskCount: number;
}

function prepareDecoder(bytes: Uint8Array, family: FamilyAdapter, graph: GraphInfo, path: string): PreparedDecoder {
  const model = decodeModel(bytes, `decoder ${basename(path)}`);
  const { iou, lowRes } = family.decoderOutputs(graph);
  const dims = graph.outputs.find((o) => o.name === iou)?.dims ?? [];
  const maskCount = dims[dims.length - 1] ?? 1;
  return { pruned: pruneOutputs(model, [iou, lowRes]), graph, maskCount };
}

/** An ONNX encoder/decoder pair of any supported family; `familyId` skips detection (catalog and imported models). */
export async function createOnnxSamBackend(encoderPath: string, decoderPath: string, runtime: RuntimeOptions, familyId?: string): Promise<OnnxSamBackend> {
  const [encBytes, decBytes] = await Promise.all([readModel(encoderPath, 'encoder'), readModel(decoderPath, 'decoder')]);
  const encGraph = graphInfo(decodeModel(encBytes, `encoder ${basename(encoderPath)}`));
  const decGraph = graphInfo(decodeModel(decBytes, `decoder ${basename(decoderPath)}`));
  let family: FamilyAdapter;
  try {
    family = detectFamily(encGraph, decGraph, familyId);
  } catch (err) {
    throw new SamlabelError('ModelInvalid', `--model ${basename(encoderPath)},${basename(decoderPath)}: ${(err as Error).message}`);
  }
  const dec = prepareDecoder(decBytes, family, decGraph, decoderPath);
  const encSession = await loadSession(encBytes, runtime, `encoder ${basename(encoderPath)}`);
  // Measured (bench/models.ts): the decoder is too small to gain from a second intra-op thread, and a
  // pool of idle threads only competes with the UI; the encoder keeps every core unless --threads says.
  const decSession = await loadSession(dec.pruned, { ...runtime, threads: runtime.threads || DECODER_THREADS }, `decoder ${basename(decoderPath)}`);
  const parts = family.embeddingParts(encGraph);
  const sizes = parts.map((p) => p.dims.reduce((a, b) => a * b, 1));
  const id = `onnx-${family.id}-p${family.preprocessVersion}-${await fingerprint(encoderPath)}`;
  const info: BackendInfo = { modelId: id, lowResSize: LOW_RES_SIZE, provider: encSession.provider, family: family.id, providerFallback: encSession.fallback };
  return {
    info,
    family,
    decoderMaskCount: dec.maskCount,
    warnings: [...encSession.warnings, ...decSession.warnings],
    encode: (image, origSize) => encode(encSession.session, family, parts, image, origSize),
    decode: (embedding, feeds, multimask) => decode(decSession.session, family, dec.graph, embedding, feeds, multimask),
    serialize: (e) => concat(e),
    deserialize: (bytes) => split(bytes, sizes),
    byteSize: (e) => e.reduce((n, p) => n + p.byteLength, 0),
    dispose: async () => {
      await Promise.all([encSession.session.release(), decSession.session.release()]);
    },
  };
}

async function loadSession(bytes: Uint8Array, runtime: RuntimeOptions, label: string) {
  try {
    return await createSession(bytes, runtime, label);
  } catch (err) {
    throw new SamlabelError('ModelInvalid', `${label} failed to load in onnxruntime: ${(err as Error).message.split('\n')[0]}`);
  }
}

function concat(parts: Embedding): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return out;
}

function split(bytes: Uint8Array, sizes: number[]): Embedding {
  const total = sizes.reduce((a, b) => a + b, 0) * 4;
  if (bytes.byteLength !== total) throw new SamlabelError('ModelInvalid', `cached embedding has ${bytes.byteLength} bytes, expected ${total}`);
  const all = new Float32Array(bytes.slice().buffer);
  let at = 0;
  return sizes.map((n) => all.subarray(at, (at += n)));
}

async function encode(session: ort.InferenceSession, family: FamilyAdapter, parts: ReturnType<FamilyAdapter['embeddingParts']>, image: RgbImage, origSize: { width: number; height: number }): Promise<Embedding> {
  const out = await session.run(family.encoderFeeds(image, origSize));
  return parts.map((part) => {
    const t = out[part.output];
    if (!t || t.dims.join() !== part.dims.join()) {
      throw new SamlabelError('ModelInvalid', `encoder returned ${part.output} [${t?.dims.join(',') ?? 'nothing'}], expected [${part.dims.join(',')}]`);
    }
    return t.data as Float32Array;
  });
}

/** Which decoder outputs SamPredictor returns for a SAM 1 export (kept for callers that drive the graph directly). */
export function candidateIndices(maskCount: number, multimaskOutput: boolean): number[] {
  return sam1Select(new Float32Array(maskCount), multimaskOutput);
}

/** Official SAM 1 decoder feeds (bench/engine.ts runs the raw graph with them). */
export function decoderTensors(embedding: Float32Array, feeds: DecoderFeeds): Record<string, ort.Tensor> {
  return sam1DecoderTensors(embedding, feeds);
}

async function decode(session: ort.InferenceSession, family: FamilyAdapter, graph: GraphInfo, embedding: Embedding, feeds: DecoderFeeds, multimask: boolean): Promise<DecodeOutput> {
  if (feeds.has_mask_input[0] > 0 && !family.supportsMaskInput) {
    throw new SamlabelError('BadInput', `${family.label} decoders take no mask input: refine with more points instead`);
  }
  const { iou: iouName, lowRes: lowResName } = family.decoderOutputs(graph);
  const out = await session.run(family.decoderFeeds(embedding, feeds, graph));
  const iou = out[iouName].data as Float32Array;
  const lowRes = out[lowResName].data as Float32Array;
  const plane = LOW_RES_SIZE * LOW_RES_SIZE;
  const indices = family.select(iou, multimask);
  const picked = new Float32Array(indices.length * plane);
  indices.forEach((idx, k) => picked.set(lowRes.subarray(idx * plane, (idx + 1) * plane), k * plane));
  const lowResLogits = family.lowResToEngine(picked, indices.length, feeds.origSize);
  return { indices, iouPredictions: Float32Array.from(indices, (i) => iou[i]), lowResLogits };
}
