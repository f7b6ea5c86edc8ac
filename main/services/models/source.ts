import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
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

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function totalFrom(status: number, headers: Headers, start: number): number | null {
  const range = header(headers, 'content-range');
  const whole = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (whole) return Number(whole[1]);
  const length = header(headers, 'content-length');
  return length !== undefined && Number.isFinite(Number(length)) ? Number(length) + (status === 206 ? start : 0) : null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET with redirects followed (at most 5); undici's request streams a Node Readable, cheaper than fetch's web stream. */
async function getFollowing(url: string, start: number, dispatcher: Dispatcher, signal: AbortSignal) {
  let target = url;
  for (let hop = 0; hop <= 5; hop++) {
    const res = await request(target, { method: 'GET', headers: start > 0 ? { range: `bytes=${start}-` } : {}, dispatcher, signal });
    const location = header(res.headers, 'location');
    if (!REDIRECTS.has(res.statusCode) || !location) return { res, url: target };
    await res.body.dump();
    target = new URL(location, target).href;
  }
  throw new SamlabelError('ModelMissing', `too many redirects for ${url}`);
}

async function openUrl(url: string, start: number, dispatcher: Dispatcher): Promise<OpenedSource | 'complete'> {
  const controller = new AbortController();
  const { res } = await getFollowing(url, start, dispatcher, controller.signal);
  const status = res.statusCode;
  // 416: nothing after `start`: the part file already holds the whole file (the hash check decides).
  if (status === 416 && start > 0) {
    await res.body.dump();
    return 'complete';
  }
  if (status !== 200 && status !== 206) {
    await res.body.dump();
    throw new HttpStatusError(status, url);
  }
  const resumed = status === 206 && new RegExp(`^bytes ${start}-`).test(header(res.headers, 'content-range') ?? '');
  if (status === 206 && !resumed) {
    // A range we did not ask for: start over without one rather than splice mismatched bytes.
    controller.abort();
    return openUrl(url, 0, dispatcher);
  }
  return { resumed, total: totalFrom(status, res.headers, start), body: res.body, cancel: () => controller.abort() };
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
