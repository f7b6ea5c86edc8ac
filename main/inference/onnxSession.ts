import ort from 'onnxruntime-node';
import type { RuntimeOptions } from './providers.js';

export interface LoadedSession {
  readonly session: ort.InferenceSession;
  readonly provider: string;
  readonly warnings: string[];
}

export function sessionOptions(runtime: RuntimeOptions, provider: string): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Idle pool threads would otherwise busy-wait after every click, taking a core from the UI and the main process.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  // onnxruntime-node rejects an explicit undefined; leaving the key out lets it use every core.
  if (runtime.threads > 0) options.intraOpNumThreads = runtime.threads;
  return options;
}

/**
 * onnxruntime-node throws when a provider's library is missing instead of falling back, so the fallback
 * to CPU is ours, and it is announced: a silent CPU fallback is what users of other SAM tools complain about.
 */
export async function createSession(model: Uint8Array, runtime: RuntimeOptions, label: string): Promise<LoadedSession> {
  if (runtime.provider === 'cpu') {
    return { session: await ort.InferenceSession.create(model, sessionOptions(runtime, 'cpu')), provider: 'cpu', warnings: [] };
  }
  try {
    const session = await ort.InferenceSession.create(model, sessionOptions(runtime, runtime.provider));
    return { session, provider: runtime.provider, warnings: [] };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    const warning = `${runtime.provider} execution provider unavailable for ${label} (${reason}); running on CPU`;
    const session = await ort.InferenceSession.create(model, sessionOptions(runtime, 'cpu'));
    return { session, provider: 'cpu', warnings: [warning] };
  }
}
