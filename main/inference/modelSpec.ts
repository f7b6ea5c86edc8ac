import { SamlabelError } from '../../shared/errors.js';

export const BUILTIN_MODEL_ID = 'builtin-classic';

/**
 * What the engine loads. An ONNX pair may carry its family (catalog and imported models, so detection is
 * skipped) and the id it was chosen by (reported back to the user).
 */
export type ModelSpec =
  | { readonly kind: 'builtin'; readonly id: typeof BUILTIN_MODEL_ID }
  | { readonly kind: 'onnx'; readonly encoderPath: string; readonly decoderPath: string; readonly family?: string; readonly id?: string };

/** What --model names before the models directory is consulted: the built-in model, a pair of files, or an id. */
export type ModelRef = ModelSpec | { readonly kind: 'id'; readonly id: string };

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `builtin-classic`, `<encoder.onnx>,<decoder.onnx>` or a catalog / imported model id, as the CLI's --model takes it. */
export function parseModelRef(text: string | undefined): ModelRef {
  const value = (text ?? BUILTIN_MODEL_ID).trim();
  if (value === BUILTIN_MODEL_ID) return { kind: 'builtin', id: BUILTIN_MODEL_ID };
  if (!value.includes(',') && ID_PATTERN.test(value) && !/\.onnx$/i.test(value)) return { kind: 'id', id: value };
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) {
    throw new SamlabelError('BadInput', `--model takes "${BUILTIN_MODEL_ID}", a model id (see \`samlabel models list\`) or "<encoder.onnx>,<decoder.onnx>", got "${value}"`);
  }
  return { kind: 'onnx', encoderPath: parts[0], decoderPath: parts[1] };
}

/** `builtin-classic` or `<encoder.onnx>,<decoder.onnx>`: the forms that need no models directory. */
export function parseModelSpec(text: string | undefined): ModelSpec {
  const ref = parseModelRef(text);
  if (ref.kind === 'id') {
    throw new SamlabelError('BadInput', `--model takes "${BUILTIN_MODEL_ID}" or "<encoder.onnx>,<decoder.onnx>", got "${ref.id}"`);
  }
  return ref;
}

export function describeModel(spec: ModelSpec): string {
  if (spec.kind === 'builtin') return spec.id;
  return spec.id ?? `${spec.encoderPath},${spec.decoderPath}`;
}
