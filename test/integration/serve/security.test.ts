import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, upgradeStatus, type ServeFixture } from './harness.js';

let fx: ServeFixture;
beforeAll(async () => {
  fx = await startFixture();
}, 60_000);
afterAll(() => fx?.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP GET (fetch would not let a test forge Host). */
function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: fx.handle.port, path, headers: { Host: `127.0.0.1:${fx.handle.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => ({ Cookie: `samlabel_token_${fx.handle.port}=${fx.handle.token}` });

describe('samlabel serve: HTTP gate', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(fx.handle.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${fx.handle.port}/\\?token=[A-Za-z0-9_-]{40,}$`));
  });

  it('refuses the page without a token or with a wrong one (401)', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=nope')).status).toBe(401);
    expect((await get('/', { Cookie: `samlabel_token_${fx.handle.port}=${'x'.repeat(fx.handle.token.length)}` })).status).toBe(401);
    expect((await get('/', { 'x-samlabel-token': 'wrong' })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and drops it from the address bar', async () => {
    const first = await get(`/?token=${fx.handle.token}`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain(`samlabel_token_${fx.handle.port}=${fx.handle.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('serves the page with the cookie, with a strict CSP, nosniff and no CORS', async () => {
    const page = await get('/', cookie());
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${fx.handle.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token (403)', async () => {
    expect((await get('/', { ...cookie(), Host: `evil.example:${fx.handle.port}` })).status).toBe(403);
    expect((await get(`/?token=${fx.handle.token}`, { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { ...cookie(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/image/1', { ...cookie(), Origin: `http://localhost:${fx.handle.port}` })).status).toBe(403);
  });

  it('answers image routes only with the token, and only for ids of the open project', async () => {
    const { images } = await fx.handle.services.store.call('listImages', {}, 0, 10);
    const plain = images.find((i) => i.relPath === 'a.jpg')!.id;
    expect((await get(`/image/${plain}`)).status).toBe(401);
    expect((await get(`/thumb/${plain}`)).status).toBe(401);
    const image = await get(`/image/${plain}`, cookie());
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const thumb = await get(`/thumb/${plain}`, cookie());
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await get('/image/999', cookie())).status).toBe(404);
    expect((await get('/image/..%2F..%2Fetc%2Fpasswd', cookie())).status).toBe(400);
    expect((await get('/image/%2Fetc%2Fpasswd', cookie())).status).toBe(400);
  });

  it('never serves files outside the bundle', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/.env']) {
      expect((await get(path, cookie())).status, path).toBe(404);
    }
  });
});

describe('samlabel serve: WebSocket gate', () => {
  const good = () => ({ ...cookie(), Origin: fx.handle.origin });

  it('accepts the page’s own socket', async () => {
    expect(await upgradeStatus(fx.handle.port, '/rpc', good())).toBe(101);
  });

  it('refuses sockets without the token, with a wrong token, a foreign or missing Origin, or a foreign Host', async () => {
    const port = fx.handle.port;
    expect(await upgradeStatus(port, '/rpc', { Origin: fx.handle.origin })).toBe(401);
    expect(await upgradeStatus(port, '/rpc', { Origin: fx.handle.origin, Cookie: `samlabel_token_${port}=wrong` })).toBe(401);
    expect(await upgradeStatus(port, '/rpc', { ...cookie(), Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(port, '/rpc', cookie())).toBe(403);
    expect(await upgradeStatus(port, '/rpc', { ...good(), Host: `evil.example:${port}` })).toBe(403);
    expect(await upgradeStatus(port, '/elsewhere', good())).toBe(404);
  });
});
