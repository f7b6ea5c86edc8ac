import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Size } from '../../../shared/sam/coords.js';

const MAGIC = 0x53414d45; // "SAME": samlabel embedding
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;
const SUFFIX = '.emb';

export interface CachedEmbedding {
  readonly origSize: Size;
  readonly payload: Uint8Array;
}

export interface DiskCacheInfo {
  readonly dir: string;
  readonly entries: number;
  readonly bytes: number;
  readonly capBytes: number;
}

/**
 * Embeddings on disk, one file per key: 16-byte header (magic, version, H, W) + the backend's bytes.
 * Written to a temp file then renamed, so a crash never leaves a half file under a real key.
 * LRU by mtime, which a hit refreshes; the index is rebuilt from the folder at start.
 */
export class DiskCache {
  private readonly index = new Map<string, { bytes: number; used: number }>();

  constructor(
    readonly dir: string,
    readonly capBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.loadIndex();
  }

  private loadIndex(): void {
    const files = readdirSync(this.dir).filter((f) => f.endsWith(SUFFIX));
    const stats = files.map((f) => ({ key: f.slice(0, -SUFFIX.length), st: statSync(join(this.dir, f)) }));
    stats.sort((a, b) => a.st.mtimeMs - b.st.mtimeMs);
    for (const { key, st } of stats) this.index.set(key, { bytes: st.size, used: st.mtimeMs });
  }

  private path(key: string): string {
    return join(this.dir, `${key}${SUFFIX}`);
  }

  async get(key: string): Promise<CachedEmbedding | undefined> {
    if (!this.index.has(key)) return undefined;
    const file = this.path(key);
    try {
      const data = await readFile(file);
      const parsed = parse(data);
      if (!parsed) throw new Error('bad header');
      const now = new Date();
      await utimes(file, now, now);
      this.touch(key, data.byteLength, now.getTime());
      return parsed;
    } catch {
      await this.remove(key);
      return undefined;
    }
  }

  async put(key: string, entry: CachedEmbedding): Promise<void> {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(FORMAT_VERSION, 4);
    header.writeUInt32LE(entry.origSize.height, 8);
    header.writeUInt32LE(entry.origSize.width, 12);
    const tmp = `${this.path(key)}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, Buffer.concat([header, entry.payload]));
    await rename(tmp, this.path(key));
    this.touch(key, HEADER_BYTES + entry.payload.byteLength, Date.now());
    await this.evict();
  }

  private touch(key: string, bytes: number, used: number): void {
    this.index.delete(key);
    this.index.set(key, { bytes, used });
  }

  async delete(key: string): Promise<void> {
    await this.remove(key);
  }

  private async remove(key: string): Promise<void> {
    this.index.delete(key);
    await rm(this.path(key), { force: true });
  }

  private async evict(): Promise<void> {
    let total = this.totalBytes();
    for (const [key, entry] of [...this.index]) {
      if (total <= this.capBytes) break;
      await this.remove(key);
      total -= entry.bytes;
    }
  }

  private totalBytes(): number {
    let total = 0;
    for (const entry of this.index.values()) total += entry.bytes;
    return total;
  }

  info(): DiskCacheInfo {
    return { dir: this.dir, entries: this.index.size, bytes: this.totalBytes(), capBytes: this.capBytes };
  }

  async clear(): Promise<void> {
    for (const key of [...this.index.keys()]) await this.remove(key);
  }
}

function parse(data: Buffer): CachedEmbedding | undefined {
  if (data.byteLength < HEADER_BYTES || data.readUInt32LE(0) !== MAGIC || data.readUInt32LE(4) !== FORMAT_VERSION) return undefined;
  const origSize = { height: data.readUInt32LE(8), width: data.readUInt32LE(12) };
  return { origSize, payload: new Uint8Array(data.buffer, data.byteOffset + HEADER_BYTES, data.byteLength - HEADER_BYTES) };
}
