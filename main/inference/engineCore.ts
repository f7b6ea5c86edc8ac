import { SamlabelError } from '../../shared/errors.js';
import { IMG_SIZE, PREPROCESS_VERSION } from '../../shared/sam/constants.js';
import type { Size } from '../../shared/sam/coords.js';
import { sha256Hex } from '../imaging/hash.js';
import { readImageBytes } from '../imaging/readImage.js';
import { decodeRgb } from '../imaging/decodeImage.js';
import type { EngineBackend } from './backend.js';
import { DiskCache, type DiskCacheInfo } from './cache/diskCache.js';
import { RamLru } from './cache/ramLru.js';
import type { PredictRequest, PredictResult, SetImageResult } from './predictor.js';
import { runPredict } from './predictStep.js';
import { runPointBatch, type PointBatchRequest, type PointBatchResult } from './pointBatch.js';

export interface EngineCoreOptions {
  readonly cacheDir: string;
  readonly diskCapBytes: number;
  readonly ramCapBytes: number;
  /** Decoder refuses images over this many pixels (sharp's limit by default). */
  readonly maxPixels?: number;
}

export interface EngineCounters {
  encoderRuns: number;
  decoderRuns: number;
  ramHits: number;
  diskHits: number;
}

export type ImageSource = { readonly path: string } | { readonly bytes: Uint8Array };

interface CurrentImage {
  readonly key: string;
  readonly prepared: unknown;
  readonly origSize: Size;
}

/**
 * SamPredictor inside the engine process: one current image, an embedding looked up RAM → disk → encoder,
 * and cheap prompts on it. Runs wherever the engine runs; knows nothing of processes or messages.
 */
export class EngineCore {
  readonly counters: EngineCounters = { encoderRuns: 0, decoderRuns: 0, ramHits: 0, diskHits: 0 };
  private readonly ram: RamLru<CurrentImage>;
  private disk: DiskCache;
  private current: CurrentImage | undefined;

  constructor(
    readonly backend: EngineBackend,
    private readonly options: EngineCoreOptions,
  ) {
    this.ram = new RamLru(options.ramCapBytes);
    this.disk = new DiskCache(options.cacheDir, options.diskCapBytes);
  }

  async setImage(source: ImageSource): Promise<SetImageResult> {
    const t0 = performance.now();
    const bytes = 'bytes' in source ? source.bytes : await readImageBytes(source.path);
    const sha256 = sha256Hex(bytes);
    const key = `${this.backend.info.modelId}-${sha256}-p${PREPROCESS_VERSION}`;
    let image = this.ram.get(key);
    if (image) this.counters.ramHits++;
    image ??= await this.fromDisk(key);
    let encodeMs = 0;
    if (!image) {
      const t1 = performance.now();
      image = await this.encode(key, bytes);
      encodeMs = performance.now() - t1;
    }
    this.current = image;
    const { height, width } = image.origSize;
    const cache = encodeMs > 0 ? 'miss' : 'hit';
    return { sha256, width, height, cache, timingsMs: { encode: encodeMs, total: performance.now() - t0 } };
  }

  private async fromDisk(key: string): Promise<CurrentImage | undefined> {
    const hit = await this.disk.get(key);
    if (!hit) return undefined;
    let prepared: unknown;
    try {
      prepared = this.backend.deserialize(hit.payload);
    } catch {
      // Written by an older build or damaged: encoding again is slower, never wrong.
      await this.disk.delete(key);
      return undefined;
    }
    this.counters.diskHits++;
    const image = { key, prepared, origSize: hit.origSize };
    this.ram.set(key, image, this.backend.byteSize(image.prepared));
    return image;
  }

  private async encode(key: string, bytes: Uint8Array): Promise<CurrentImage> {
    const { image: rgb, origSize } = await decodeRgb(bytes, { longestSide: IMG_SIZE, limitInputPixels: this.options.maxPixels });
    const prepared = await this.backend.encode(rgb, origSize);
    this.counters.encoderRuns++;
    const image = { key, prepared, origSize };
    this.ram.set(key, image, this.backend.byteSize(prepared));
    await this.disk.put(key, { origSize, payload: this.backend.serialize(prepared) });
    return image;
  }

  async predict(request: PredictRequest): Promise<PredictResult> {
    const image = this.current;
    if (!image) throw new SamlabelError('NoImageSet', 'An image must be set with setImage(...) before predict(...)');
    const result = await runPredict(this.backend, image.prepared, image.origSize, request);
    this.counters.decoderRuns++;
    return result;
  }

  /** AMG's batched single-point prompts on the current image (see pointBatch.ts). */
  async predictPointBatch(request: PointBatchRequest): Promise<PointBatchResult> {
    const image = this.current;
    if (!image) throw new SamlabelError('NoImageSet', 'An image must be set with setImage(...) before predictPointBatch(...)');
    const result = await runPointBatch(this.backend, image.prepared, image.origSize, request);
    this.counters.decoderRuns += result.decoderRuns;
    return result;
  }

  cacheInfo(): DiskCacheInfo & { ramEntries: number; ramBytes: number } {
    return { ...this.disk.info(), ramEntries: this.ram.size, ramBytes: this.ram.bytes };
  }

  /** Points the disk cache at another folder (a project's .samlabel/embeddings); RAM entries stay valid, being keyed by content. */
  useCacheDir(cacheDir: string): void {
    this.disk = new DiskCache(cacheDir, this.options.diskCapBytes);
  }

  async cacheClear(): Promise<void> {
    this.ram.clear();
    await this.disk.clear();
  }
}
