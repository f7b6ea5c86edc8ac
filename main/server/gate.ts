/**
 * Who may talk to `samlabel serve`: every HTTP request and WebSocket upgrade must carry the random
 * token (the cookie the first page load sets, or the x-samlabel-token header), name the bound host in
 * Host (DNS rebinding: a foreign name resolving to 127.0.0.1 is refused), and, when it carries an
 * Origin, come from the served origin (a WebSocket upgrade must carry one: browsers always send it).
 * The token is never logged; comparisons are constant-time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-samlabel-token';

export interface GateVerdict {
  readonly ok: boolean;
  /** 401 (no or wrong token) or 403 (foreign Host or Origin). */
  readonly status: 200 | 401 | 403;
  readonly reason: string;
}

const OK: GateVerdict = { ok: true, status: 200, reason: 'ok' };

export const newToken = (): string => randomBytes(32).toString('base64url');

/** `127.0.0.1:8123`, `[::1]:8123`: the authority a browser sends for the URL we print. */
export function authority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class Gate {
  readonly cookieName: string;
  readonly origin: string;
  private readonly host: string;

  constructor(
    private readonly token: string,
    host: string,
    port: number,
  ) {
    this.host = authority(host, port);
    this.origin = `http://${this.host}`;
    // Cookies are not separated by port: two serve instances on one host must not overwrite each other's.
    this.cookieName = `samlabel_token_${port}`;
  }

  /** The token a request carries (header first, then cookie). */
  private tokenOf(req: IncomingMessage): string | undefined {
    const header = req.headers[TOKEN_HEADER];
    return typeof header === 'string' ? header : cookie(req.headers.cookie, this.cookieName);
  }

  /** Host and Origin, the checks that do not depend on the token. */
  checkPlace(req: IncomingMessage, requireOrigin: boolean): GateVerdict {
    if (req.headers.host !== this.host) return { ok: false, status: 403, reason: 'foreign Host header' };
    const origin = req.headers.origin;
    if (origin === undefined ? requireOrigin : origin !== this.origin) return { ok: false, status: 403, reason: 'foreign or missing Origin' };
    return OK;
  }

  check(req: IncomingMessage, opts: { requireOrigin?: boolean } = {}): GateVerdict {
    const place = this.checkPlace(req, opts.requireOrigin === true);
    if (!place.ok) return place;
    return sameSecret(this.tokenOf(req), this.token) ? OK : { ok: false, status: 401, reason: 'missing or wrong token' };
  }

  /** Does `?token=` of the first page load match? */
  isToken(given: string | null): boolean {
    return sameSecret(given ?? undefined, this.token);
  }

  /** HttpOnly: page scripts never see it; SameSite=Strict: no other site's page sends it. */
  setCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
