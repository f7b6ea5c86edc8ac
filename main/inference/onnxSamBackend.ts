import ort from 'onnxruntime-node';
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SamlabelError } from '../../shared/errors.js';
import { LOW_RES_SIZE } from '../../shared/sam/constants.js';
import type { DecoderFeeds } from '../../shared/sam/decoderFeeds.js';
import type { BackendInfo, DecodeOutput, EngineBackend, RgbImage } from './backend.js';
import { decodeModel, graphSignature, pruneOutputs } from './onnxGraph.js';
import { createSession } from './onnxSession.js';
import type { RuntimeOptions } from './providers.js';

const ENCODER_IN = 'input_image';
const ENCODER_OUT = 'image_embeddings';
const DECODER_IN = ['image_embeddings', 'point_coords', 'point_labels', 'mask_input', 'has_mask_input', 'orig_im_size'];
/** The engine upsamples itself, only where asked; the graph's full-size `masks` output is pruned away. */
export const DECODER_OUT = ['iou_predictions', 'low_res_masks'];
const EMBEDDING_DIMS = [1, 256, 64, 64];
const EMBEDDING_BYTES = 4 * 256 * 64 * 64;

export interface OnnxSamBackend extends EngineBackend<Float32Array> {
  readonly decoderMaskCount: number;
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

function checkEncoder(bytes: Uint8Array, path: string): void {
  const sig = graphSignature(decodeModel(bytes, `encoder ${basename(path)}`));
  if (sig.inputs.includes('point_coords')) {
    throw new SamlabelError('ModelInvalid', `${basename(path)} is a decoder: --model takes <encoder.onnx>,<decoder.onnx> in that order`);
  }
  if (!sig.inputs.includes(ENCODER_IN) || !sig.outputs.includes(ENCODER_OUT)) {
    throw new SamlabelError('ModelInvalid', `encoder ${basename(path)} must take ${ENCODER_IN} [H,W,3] and return ${ENCODER_OUT} (samexporter contract); it has inputs ${sig.inputs.join(', ')}`);
  }
}

function prepareDecoder(bytes: Uint8Array, path: string): { pruned: Uint8Array; maskCount: number } {
  const model = decodeModel(bytes, `decoder ${basename(path)}`);
  const sig = graphSignature(model);
  const missing = [...DECODER_IN.filter((n) => !sig.inputs.includes(n)), ...DECODER_OUT.filter((n) => !sig.outputs.includes(n))];
  if (missing.length > 0) {
    throw new SamlabelError('ModelInvalid', `decoder ${basename(path)} lacks ${missing.join(', ')}: not an official SAM ONNX decoder export`);
  }
  const maskCount = sig.outputDims.iou_predictions?.[1] ?? sig.outputDims.low_res_masks?.[1] ?? 1;
  return { pruned: pruneOutputs(model, DECODER_OUT), maskCount: maskCount ?? 1 };
}

export async function createOnnxSamBackend(encoderPath: string, decoderPath: string, runtime: RuntimeOptions): Promise<OnnxSamBackend> {
  const [encBytes, decBytes] = await Promise.all([readModel(encoderPath, 'encoder'), readModel(decoderPath, 'decoder')]);
  checkEncoder(encBytes, encoderPath);
  const { pruned, maskCount } = prepareDecoder(decBytes, decoderPath);
  const enc = await loadSession(encBytes, runtime, `encoder ${basename(encoderPath)}`);
  const dec = await loadSession(pruned, runtime, `decoder ${basename(decoderPath)}`);
  const info: BackendInfo = { modelId: `onnx-${await fingerprint(encoderPath)}`, lowResSize: LOW_RES_SIZE, provider: enc.provider };
  return {
    info,
    decoderMaskCount: maskCount,
    warnings: [...enc.warnings, ...dec.warnings],
    encode: (image) => encode(enc.session, image),
    decode: (embedding, feeds, multimask) => decode(dec.session, maskCount, embedding, feeds, multimask),
    serialize: (e) => new Uint8Array(e.buffer, e.byteOffset, e.byteLength),
    deserialize: (bytes) => {
      if (bytes.byteLength !== EMBEDDING_BYTES) throw new SamlabelError('ModelInvalid', `cached embedding has ${bytes.byteLength} bytes, expected ${EMBEDDING_BYTES}`);
      return new Float32Array(bytes.slice().buffer);
    },
    byteSize: (e) => e.byteLength,
    dispose: async () => {
      await Promise.all([enc.session.release(), dec.session.release()]);
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

async function encode(session: ort.InferenceSession, image: RgbImage): Promise<Float32Array> {
  const input = new Float32Array(image.data.length);
  for (let i = 0; i < input.length; i++) input[i] = image.data[i];
  const out = await session.run({ [ENCODER_IN]: new ort.Tensor('float32', input, [image.height, image.width, 3]) });
  const emb = out[ENCODER_OUT];
  if (emb.dims.join() !== EMBEDDING_DIMS.join()) {
    throw new SamlabelError('ModelInvalid', `encoder returned ${ENCODER_OUT} [${emb.dims.join(',')}], expected [${EMBEDDING_DIMS.join(',')}]`);
  }
  return emb.data as Float32Array;
}

/** Which decoder outputs SamPredictor returns: the trio 1..3 for multimask from a 4-mask export, else index 0. */
export function candidateIndices(maskCount: number, multimaskOutput: boolean): number[] {
  return maskCount >= 4 && multimaskOutput ? [1, 2, 3] : [0];
}

export function decoderTensors(embedding: Float32Array, feeds: DecoderFeeds): Record<string, ort.Tensor> {
  const n = feeds.numPoints;
  const s = Math.round(Math.sqrt(feeds.mask_input.length));
  return {
    image_embeddings: new ort.Tensor('float32', embedding, EMBEDDING_DIMS),
    point_coords: new ort.Tensor('float32', feeds.point_coords, [1, n, 2]),
    point_labels: new ort.Tensor('float32', feeds.point_labels, [1, n]),
    mask_input: new ort.Tensor('float32', feeds.mask_input, [1, 1, s, s]),
    has_mask_input: new ort.Tensor('float32', feeds.has_mask_input, [1]),
    orig_im_size: new ort.Tensor('float32', feeds.orig_im_size, [2]),
  };
}

async function decode(session: ort.InferenceSession, maskCount: number, embedding: Float32Array, feeds: DecoderFeeds, multimask: boolean): Promise<DecodeOutput> {
  const out = await session.run(decoderTensors(embedding, feeds));
  const iou = out.iou_predictions.data as Float32Array;
  const lowRes = out.low_res_masks.data as Float32Array;
  const plane = LOW_RES_SIZE * LOW_RES_SIZE;
  const indices = candidateIndices(Math.min(maskCount, iou.length), multimask);
  const lowResLogits = new Float32Array(indices.length * plane);
  indices.forEach((idx, k) => lowResLogits.set(lowRes.subarray(idx * plane, (idx + 1) * plane), k * plane));
  return { indices, iouPredictions: Float32Array.from(indices, (i) => iou[i]), lowResLogits };
}

