import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { imagePoint } from '../../../shared/sam/coords.js';
import { startOnnx, tempDir, tinyModels } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

const EMBEDDING_FILE_BYTES = 4 * 256 * 64 * 64 + 16;

async function images(count: number): Promise<string[]> {
  const dir = tempDir('cache-img');
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `img${i}.jpg`);
    await writeTestImage(file, 64 + i, 48, { red: { x: i, y: 2, w: 5, h: 5 } });
    files.push(file);
  }
  return files;
}

describe('embedding cache', () => {
  it('never runs the encoder twice for the same image, in RAM and after a restart from disk', async () => {
    const models = tinyModels();
    const cacheDir = tempDir('cache');
    const [file] = await images(1);
    const first = await startOnnx(models.encoder, models.disc, cacheDir);
    try {
      expect((await first.setImage(file)).cache).toBe('miss');
      expect((await first.setImage(file)).cache).toBe('hit');
      expect(await first.stats()).toMatchObject({ encoderRuns: 1, ramHits: 1 });
    } finally {
      first.close();
    }
    const second = await startOnnx(models.encoder, models.disc, cacheDir);
    try {
      expect((await second.setImage(file)).cache).toBe('hit');
      await second.predict({ pointCoords: [imagePoint(10, 10)], pointLabels: [1] });
      expect(await second.stats()).toMatchObject({ encoderRuns: 0, diskHits: 1, decoderRuns: 1 });
    } finally {
      second.close();
    }
  });

  it('keys by content: the same bytes under another name hit, other bytes miss', async () => {
    const models = tinyModels();
    const [a, b] = await images(2);
    const client = await startOnnx(models.encoder, models.disc);
    try {
      const bytes = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(a)));
      await client.setImage(a);
      expect((await client.setImage(bytes)).cache).toBe('hit');
      expect((await client.setImage(b)).cache).toBe('miss');
    } finally {
      client.close();
    }
  });

  it('evicts least recently used embeddings to stay under the disk cap', async () => {
    const models = tinyModels();
    const cacheDir = tempDir('cache-cap');
    const files = await images(4);
    const { EngineClient } = await import('../../../main/inference/engineClient.js');
    const client = await EngineClient.start({
      model: { kind: 'onnx', encoderPath: models.encoder, decoderPath: models.disc },
      cacheDir,
      diskCapBytes: 2.5 * EMBEDDING_FILE_BYTES,
      ramCapBytes: 0,
    });
    try {
      await client.setImage(files[0]);
      await client.setImage(files[1]);
      await client.setImage(files[0]); // refresh 0: 1 is now the oldest
      await client.setImage(files[2]);
      const info = await client.cacheInfo();
      expect(info.entries).toBe(2);
      expect(info.bytes).toBeLessThanOrEqual(info.capBytes);
      expect(readdirSync(cacheDir).filter((f) => f.endsWith('.emb'))).toHaveLength(2);
      expect((await client.setImage(files[0])).cache).toBe('hit');
      expect((await client.setImage(files[1])).cache).toBe('miss');
      expect((await client.stats()).encoderRuns).toBe(4);
    } finally {
      client.close();
    }
  });
});

describe('a project-local cache', () => {
  it('moves the disk cache when asked, and keeps it across an engine restart', async () => {
    const models = tinyModels();
    const [a, b] = await images(2);
    const projectCache = tempDir('project-embeddings');
    const client = await startOnnx(models.encoder, models.disc, tempDir('user-cache'));
    try {
      await client.useCacheDir(projectCache);
      await client.setImage(a);
      expect(readdirSync(projectCache).filter((f) => f.endsWith('.emb'))).toHaveLength(1);
      (client as unknown as { restart(code: string, m: string): void }).restart('EngineCrashed', 'test restart');
      await client.setImage(b);
      expect(readdirSync(projectCache).filter((f) => f.endsWith('.emb'))).toHaveLength(2);
    } finally {
      client.close();
    }
  });
});

describe('a damaged cache entry', () => {
  it('is dropped and the image encoded again, instead of failing setImage', async () => {
    const { truncateSync } = await import('node:fs');
    const models = tinyModels();
    const cacheDir = tempDir('cache-bad');
    const [file] = await images(1);
    const first = await startOnnx(models.encoder, models.disc, cacheDir);
    await first.setImage(file);
    first.close();
    const [entry] = readdirSync(cacheDir).filter((f) => f.endsWith('.emb'));
    truncateSync(join(cacheDir, entry), 1000);
    const second = await startOnnx(models.encoder, models.disc, cacheDir);
    try {
      expect((await second.setImage(file)).cache).toBe('miss');
      await second.predict({ pointCoords: [imagePoint(10, 10)], pointLabels: [1] });
      expect(await second.stats()).toMatchObject({ encoderRuns: 1, diskHits: 0 });
    } finally {
      second.close();
    }
  });
});
