import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authority, Gate, newToken, TOKEN_HEADER } from '../../../main/server/gate.js';
import { staticPath } from '../../../main/server/http.js';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('serve gate', () => {
  const token = newToken();
  const gate = new Gate(token, '127.0.0.1', 8123);
  const host = { host: '127.0.0.1:8123' };
  const withCookie = { ...host, cookie: `other=1; samlabel_token_8123=${token}` };

  it('issues distinct 256-bit url-safe tokens', () => {
    expect(newToken()).not.toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the cookie or the header with the bound Host', () => {
    expect(gate.check(request(withCookie)).ok).toBe(true);
    expect(gate.check(request({ ...host, [TOKEN_HEADER]: token })).ok).toBe(true);
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(gate.check(request(host)).status).toBe(401);
    expect(gate.check(request({ ...host, cookie: `samlabel_token_8123=${token.slice(1)}` })).status).toBe(401);
    // Another instance's cookie (other port) is not ours.
    expect(gate.check(request({ ...host, cookie: `samlabel_token_9999=${token}` })).status).toBe(401);
  });

  it('refuses other Hosts (DNS rebinding) and other Origins with 403, token or not', () => {
    for (const h of ['localhost:8123', 'evil.example:8123', '127.0.0.1:8124', '127.0.0.1']) {
      expect(gate.check(request({ ...withCookie, host: h })).status, h).toBe(403);
    }
    expect(gate.check(request({ ...withCookie, origin: 'http://evil.example' })).status).toBe(403);
    expect(gate.check(request({ ...withCookie, origin: 'null' })).status).toBe(403);
    expect(gate.check(request({ ...withCookie, origin: 'http://127.0.0.1:8123' })).ok).toBe(true);
  });

  it('requires an Origin where a browser always sends one (WebSocket upgrades)', () => {
    expect(gate.check(request(withCookie), { requireOrigin: true }).status).toBe(403);
    expect(gate.check(request({ ...withCookie, origin: gate.origin }), { requireOrigin: true }).ok).toBe(true);
  });

  it('brackets IPv6 hosts as browsers send them', () => {
    expect(authority('::1', 80)).toBe('[::1]:80');
    expect(new Gate(token, '::1', 80).origin).toBe('http://[::1]:80');
  });

  it('sets an HttpOnly, SameSite=Strict cookie named for its port', () => {
    expect(gate.setCookie()).toBe(`samlabel_token_8123=${token}; HttpOnly; SameSite=Strict; Path=/`);
  });
});

describe('serve static paths', () => {
  it('stays inside the bundle folder', () => {
    expect(staticPath('/srv/out', '/assets/index.js')).toBe('/srv/out/assets/index.js');
    for (const bad of ['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/.env', '/a/.git/config', '/%00', '/%E0%A4%A']) {
      expect(staticPath('/srv/out', bad), bad).toBeNull();
    }
  });
});
