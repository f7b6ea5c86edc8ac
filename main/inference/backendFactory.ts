import type { EngineBackend } from './backend.js';
import type { ModelSpec } from './modelSpec.js';
import { createOnnxSamBackend } from './onnxSamBackend.js';
import type { RuntimeOptions } from './providers.js';

export async function createBackend(spec: ModelSpec, runtime: RuntimeOptions): Promise<{ backend: EngineBackend; warnings: string[] }> {
  if (spec.kind === 'builtin') {
    // Loaded on demand: an engine running an ONNX model never pays for the built-in segmenter's code.
    const { createBuiltinClassicBackend } = await import('./builtin/backend.js');
    return { backend: createBuiltinClassicBackend(), warnings: [] };
  }
  const backend = await createOnnxSamBackend(spec.encoderPath, spec.decoderPath, runtime, spec.family);
  return { backend: backend as EngineBackend, warnings: backend.warnings };
}
