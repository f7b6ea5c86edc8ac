import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Agent, EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Where a model file's bytes come from: an http(s) URL (the catalog's pinned URL or an HTTP mirror) or a
 * file (a mirror folder on a share or USB disk). `open(start)` asks for the bytes from `start` on;
 * `resumed` says whether the source honoured that or starts again from 0 (a server without Range).
 */
export interface OpenedSource {
  readonly resumed: boolean;
  /** Bytes of the whole file when the source says so. */
  readonly total: number | null;
  readonly body: AsyncIterable<Uint8Array>;
  /** Stops the transfer (stall timeout, abort). */
  cancel(): void;
}

export class HttpStatusError extends SamlabelError {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super('ModelMissing', `HTTP ${status} for ${url}`);
  }

  /** 408/429/5xx may pass; anything else (404, 403, 410) will not by asking again. */
  get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) from the environment, as curl and npm read them. */
export function proxyDispatcher(env: NodeJS.ProcessEnv): Dispatcher {
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  if (!httpProxy && !httpsProxy) return new Agent();
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy: env.NO_PROXY ?? env.no_proxy ?? '' });
}

export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

function totalFrom(res: Response, start: number): number | null {
  const range = res.headers.get('content-range');
  const whole = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (whole) return Number(whole[1]);
  const length = Number(res.headers.get('content-length'));
  return Number.isFinite(length) && res.headers.has('content-length') ? length + (res.status === 206 ? start : 0) : null;
}

async function openUrl(url: string, start: number, dispatcher: Dispatcher): Promise<OpenedSource | 'complete'> {
  const controller = new AbortController();
  const headers: Record<string, string> = start > 0 ? { range: `bytes=${start}-` } : {};
  const res = await fetch(url, { headers, dispatcher, signal: controller.signal, redirect: 'follow' });
  // 416: nothing after `start`: the part file already holds the whole file (the hash check decides).
  if (res.status === 416 && start > 0) {
    await res.body?.cancel();
    return 'complete';
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new HttpStatusError(res.status, url);
  }
  const resumed = res.status === 206 && new RegExp(`^bytes ${start}-`).test(res.headers.get('content-range') ?? '');
  if (res.status === 206 && !resumed) {
    // A range we did not ask for: start over without one rather than splice mismatched bytes.
    controller.abort();
    return openUrl(url, 0, dispatcher);
  }
  const body = res.body as unknown as AsyncIterable<Uint8Array> | null;
  return { resumed, total: totalFrom(res, start), body: body ?? (async function* () {})(), cancel: () => controller.abort() };
}

async function openFile(path: string, start: number): Promise<OpenedSource | 'complete'> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new SamlabelError('ModelMissing', `mirror has no ${path}`);
  }
  if (start >= size && start > 0) return 'complete';
  const stream = createReadStream(path, { start, highWaterMark: 1 << 20 });
  return { resumed: start > 0, total: size, body: stream, cancel: () => stream.destroy() };
}

export function openSource(source: string, start: number, dispatcher: Dispatcher): Promise<OpenedSource | 'complete'> {
  return isUrl(source) ? openUrl(source, start, dispatcher) : openFile(source, start);
}
