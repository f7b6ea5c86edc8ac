/**
 * serve's HTTP side: the renderer bundle (out/renderer) and the image routes, behind the Gate, with a
 * strict CSP and no CORS headers. GET and HEAD only. Nothing here logs a URL (the first page load's
 * carries the token).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { serializeError, type SerializedError } from '../../shared/errors.js';
import type { Gate } from './gate.js';

export interface ImageSource {
  /** Bytes of an image of the open project, by the id main issued; throws a typed error otherwise. */
  (kind: 'image' | 'thumb', imageId: string): Promise<{ bytes: Uint8Array; contentType: string }>;
}

export interface HttpOptions {
  readonly gate: Gate;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly images: ImageSource;
  /** ws://host:port, for connect-src. */
  readonly socketOrigin: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** A store that crashed or gave up is unavailable (503): not the request's fault, nor a bug in serve. */
const STATUS_OF: Partial<Record<SerializedError['code'], number>> = { ImageNotFound: 404, BadInput: 400, ProjectNotFound: 404, StoreCrashed: 503, StoreFailed: 503 };

export function securityHeaders(socketOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${socketOrigin}; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array, head: boolean): void {
  res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(head ? undefined : body);
}

export function createRequestHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const base = securityHeaders(options.socketOrigin);
  const text = (res: ServerResponse, status: number, message: string, head: boolean) =>
    send(res, status, { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `${message}\n`, head);
  return (req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return text(res, 405, 'method not allowed', head);
    const url = new URL(req.url ?? '/', options.gate.origin);
    // The first page load: trade the URL's token for the cookie, and take it out of the address bar.
    if (url.pathname === '/' && url.searchParams.has('token')) {
      const place = options.gate.checkPlace(req, false);
      if (!place.ok) return text(res, place.status, place.reason, head);
      if (!options.gate.isToken(url.searchParams.get('token'))) return text(res, 401, 'wrong token: open the URL samlabel serve printed', head);
      return send(res, 302, { ...base, 'Set-Cookie': options.gate.setCookie(), Location: '/', 'Cache-Control': 'no-store' }, '', head);
    }
    const verdict = options.gate.check(req);
    if (!verdict.ok) return text(res, verdict.status, `${verdict.reason}: open the URL samlabel serve printed`, head);
    void route(options, url, base, head, res).catch((err: unknown) => {
      const error = serializeError(err);
      text(res, STATUS_OF[error.code] ?? 500, `${error.code}: ${error.message}`, head);
    });
  };
}

async function route(options: HttpOptions, url: URL, base: Record<string, string>, head: boolean, res: ServerResponse): Promise<void> {
  const image = /^\/(image|thumb)\/([^/]+)$/.exec(url.pathname);
  if (image) {
    const { bytes, contentType } = await options.images(image[1] as 'image' | 'thumb', decodeURIComponent(image[2]));
    // `?v=` changes with the file's content, so a versioned URL may be cached; private: it is the user's data.
    const cache = url.searchParams.has('v') ? 'private, max-age=86400, immutable' : 'no-store';
    return send(res, 200, { ...base, 'Content-Type': contentType, 'Cache-Control': cache }, bytes, head);
  }
  const file = staticPath(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
  const type = file && TYPES[extname(file)];
  if (!file || !type) return send(res, 404, { ...base, 'Content-Type': 'text/plain' }, 'not found\n', head);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, { ...base, 'Content-Type': 'text/plain' }, 'not found\n', head);
  }
  const cache = file.endsWith('.html') ? 'no-store' : 'no-cache';
  send(res, 200, { ...base, 'Content-Type': type, 'Cache-Control': cache }, body, head);
}

/** A file under `root`, or null: no `..`, no dotfiles, no absolute escapes. */
export function staticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const full = normalize(join(root, decoded));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}
