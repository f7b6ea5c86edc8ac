import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient } from '../../main/inference/engineClient.js';
import { writeTinyModels, type TinyModelPaths } from './tinyModels.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `samlabel-${prefix}-`));
}

export function tinyModels(): TinyModelPaths {
  return writeTinyModels(tempDir('models'));
}

export async function startOnnx(encoderPath: string, decoderPath: string, cacheDir = tempDir('cache')): Promise<EngineClient> {
  return EngineClient.start({ model: { kind: 'onnx', encoderPath, decoderPath }, cacheDir });
}

export const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
export const SAMPLES = join(process.cwd(), '..', 'shared', 'samples');
