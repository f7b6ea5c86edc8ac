import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { createRequire } from 'node:module';
import { autoProviders } from '../../inference/providers.js';

const { onnx } = onnxProto;

export interface ProviderCheck {
  readonly name: string;
  /** Listed by onnxruntime-node as built in (`bundled`: its library ships in the package). */
  readonly compiledIn: boolean;
  readonly bundled: boolean;
  readonly loads: boolean;
  readonly error?: string;
}

export interface DoctorReport {
  readonly runtime: { onnxruntime: string; node: string; platform: string; arch: string };
  readonly providers: ProviderCheck[];
  /** What `--provider auto` picks here, and why. */
  readonly auto: { chosen: string; why: string };
}

/** A one-node graph: enough for onnxruntime to load a provider and run. */
function identityModel(): Uint8Array {
  const t = (name: string) => ({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } } } });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'doctor', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }], input: [t('x')], output: [t('y')] },
  });
  return onnx.ModelProto.encode(model).finish();
}

async function tryProvider(name: string, model: Uint8Array): Promise<{ loads: boolean; error?: string }> {
  try {
    const session = await ort.InferenceSession.create(model, { executionProviders: [name] });
    await session.run({ x: new ort.Tensor('float32', new Float32Array([1]), [1]) });
    await session.release();
    return { loads: true };
  } catch (err) {
    return { loads: false, error: (err as Error).message.split('\n')[0] };
  }
}

function ortVersion(): string {
  try {
    return (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** `samlabel models doctor`: which execution providers this install has, which really load, and what auto picks. */
export async function runDoctor(): Promise<DoctorReport> {
  // Each provider that fails to load would otherwise print onnxruntime's own multi-line error log.
  ort.env.logLevel = 'fatal';
  const listed = ort.listSupportedBackends();
  const names = [...new Set(['cpu', ...autoProviders(), ...listed.map((b) => b.name)])];
  const model = identityModel();
  const providers: ProviderCheck[] = [];
  for (const name of names) {
    const entry = listed.find((b) => b.name === name);
    providers.push({ name, compiledIn: entry !== undefined, bundled: entry?.bundled ?? false, ...(await tryProvider(name, model)) });
  }
  const gpu = autoProviders().map((n) => providers.find((p) => p.name === n));
  const chosen = gpu.find((p) => p?.loads);
  const why = chosen
    ? `${chosen.name} loads`
    : gpu.length === 0
      ? `no GPU provider is shipped for ${process.platform}`
      : gpu.map((p) => `${p?.name} does not load (${p?.error ?? 'not built in'})`).join('; ');
  return {
    runtime: { onnxruntime: ortVersion(), node: process.version, platform: process.platform, arch: process.arch },
    providers,
    auto: { chosen: chosen?.name ?? 'cpu', why },
  };
}
