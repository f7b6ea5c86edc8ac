/**
 * The page never goes blank: served without its backend (no /rpc socket: a missing bridge or a dead
 * serve), the renderer says so in a toast and a message instead of leaving an empty page.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, launch, screenshot } from './harness.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static server of out/renderer only: every other path (the /rpc upgrade included) is a 404. */
function staticRenderer(): Promise<Server> {
  const root = join(process.cwd(), 'out', 'renderer');
  const server = createServer((req, res) => {
    const path = normalize(join(root, new URL(req.url ?? '/', 'http://x').pathname === '/' ? 'index.html' : new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(root) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  server.on('upgrade', (_req, socket) => socket.destroy());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('renderer without a backend', () => {
  let server: Server;
  beforeAll(async () => {
    ensureRendererBuilt();
    server = await staticRenderer();
  }, 300_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('shows an error toast and a message, not a blank page', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const toast = page.getByTestId('toast').first();
      await toast.waitFor({ timeout: 20_000 });
      expect(await toast.textContent()).toMatch(/samlabel serve|connect/i);
      expect((await page.locator('#root').innerText()).trim().length).toBeGreaterThan(0);
      await screenshot(page, 'no-backend');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
