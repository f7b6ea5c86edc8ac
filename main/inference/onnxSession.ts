import ort from 'onnxruntime-node';
import { autoProviders, type RuntimeOptions } from './providers.js';

export interface LoadedSession {
  readonly session: ort.InferenceSession;
  readonly provider: string;
  /** Announced fallbacks (an explicitly asked provider that did not load). */
  readonly warnings: string[];
  /** Why the session is not on the requested (or, for auto, the first GPU) provider. */
  readonly fallback?: string;
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

const firstLine = (err: unknown): string => (err as Error).message.split('\n')[0];

/**
 * onnxruntime-node throws when a provider's library is missing instead of falling back, so the fallback
 * to CPU is ours, and it is announced: a silent CPU fallback is what users of other SAM tools complain about.
 * `auto` tries the platform's GPU providers in turn, then CPU, and records why each GPU one was passed over.
 */
export async function createSession(model: Uint8Array, runtime: RuntimeOptions, label: string): Promise<LoadedSession> {
  if (runtime.provider === 'cpu') {
    return { session: await ort.InferenceSession.create(model, sessionOptions(runtime, 'cpu')), provider: 'cpu', warnings: [] };
  }
  const tries = runtime.provider === 'auto' ? autoProviders() : [runtime.provider];
  const reasons: string[] = [];
  const raw: string[] = [];
  for (const provider of tries) {
    try {
      const session = await ort.InferenceSession.create(model, sessionOptions(runtime, provider));
      return { session, provider, warnings: [], fallback: reasons.length > 0 ? reasons.join('; ') : undefined };
    } catch (err) {
      raw.push(firstLine(err));
      reasons.push(`${provider} unavailable (${firstLine(err)})`);
    }
  }
  const fallback = reasons.length > 0 ? `${reasons.join('; ')}: running on CPU` : 'no GPU provider for this platform: running on CPU';
  const session = await ort.InferenceSession.create(model, sessionOptions(runtime, 'cpu'));
  const warnings = runtime.provider === 'auto' ? [] : [`${runtime.provider} execution provider unavailable for ${label} (${raw[0]}); running on CPU`];
  return { session, provider: 'cpu', warnings, fallback };
}
