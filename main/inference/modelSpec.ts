import { SamlabelError } from '../../shared/errors.js';

export const BUILTIN_MODEL_ID = 'builtin-classic';

export type ModelSpec =
  | { readonly kind: 'builtin'; readonly id: typeof BUILTIN_MODEL_ID }
  | { readonly kind: 'onnx'; readonly encoderPath: string; readonly decoderPath: string };

/** `builtin-classic` or `<encoder.onnx>,<decoder.onnx>`, as the CLI's --model takes it. */
export function parseModelSpec(text: string | undefined): ModelSpec {
  const value = (text ?? BUILTIN_MODEL_ID).trim();
  if (value === BUILTIN_MODEL_ID) return { kind: 'builtin', id: BUILTIN_MODEL_ID };
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) {
    throw new SamlabelError('BadInput', `--model takes "${BUILTIN_MODEL_ID}" or "<encoder.onnx>,<decoder.onnx>", got "${value}"`);
  }
  return { kind: 'onnx', encoderPath: parts[0], decoderPath: parts[1] };
}

export function describeModel(spec: ModelSpec): string {
  return spec.kind === 'builtin' ? spec.id : `${spec.encoderPath},${spec.decoderPath}`;
}
