/** Test images are generated here, never committed: sharp encoders plus a tiny BMP writer. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import { SamlabelError, type ErrorCode } from '../../../shared/errors.js';

export interface Rgb {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** RGB8 HWC image whose pixel (x, y) is `fn(x, y)`. */
export function makeRgb(width: number, height: number, fn: (x: number, y: number) => readonly [number, number, number]): Rgb {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(fn(x, y), (y * width + x) * 3);
  }
  return { width, height, data };
}

export function pixel(img: Rgb, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

export function fromRaw(img: Rgb, channels: 3 | 4 = 3) {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels } });
}

/** Deterministic pseudo-random bytes (no Math.random: failures must reproduce). */
export function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

export async function withTmpDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'samlabel-imaging-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeTmp(dir: string, name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Awaits a rejection and checks it is a SamlabelError with `code` whose message contains every `parts`. */
export async function expectImageError(promise: Promise<unknown>, code: ErrorCode, ...parts: string[]): Promise<SamlabelError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(SamlabelError);
  const typed = err as SamlabelError;
  expect(typed.code, typed.message).toBe(code);
  for (const part of parts) expect(typed.message).toContain(part);
  return typed;
}
