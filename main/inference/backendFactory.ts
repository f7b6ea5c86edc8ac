import type { EngineBackend } from './backend.js';
import { createBuiltinClassicBackend } from './builtin/backend.js';
import type { ModelSpec } from './modelSpec.js';
import { createOnnxSamBackend } from './onnxSamBackend.js';
import type { RuntimeOptions } from './providers.js';

export async function createBackend(spec: ModelSpec, runtime: RuntimeOptions): Promise<{ backend: EngineBackend; warnings: string[] }> {
  if (spec.kind === 'builtin') return { backend: createBuiltinClassicBackend(), warnings: [] };
  const backend = await createOnnxSamBackend(spec.encoderPath, spec.decoderPath, runtime);
  return { backend: backend as EngineBackend, warnings: backend.warnings };
}
