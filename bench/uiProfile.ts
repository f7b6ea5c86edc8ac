/**
 * Where the page's time goes (not a bench row): `npx tsx bench/uiProfile.ts` runs the UI bench's clicks
 * and the 200-mask open under chromium's sampling profiler and prints the functions with the most self
 * time, plus the click parts. For finding costs; the numbers to report come from `npm run bench`.
 */
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ensureRendererBuilt, isolatedEnv, launch, pagePointOf, serve, tempRoot, waitForImage } from '../test/e2e/harness.js';
import { BIG, MASKS_ON_BIG, SMALL, makeUiProject } from './uiProject.js';
import { CLICK_PARTS, CLICK_TO_DRAWN, PROBE } from './uiProbe.js';

const SAM_RANDOM = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const MODEL = `${join(SAM_RANDOM, 'mobile_sam_like_encoder.onnx')},${join(SAM_RANDOM, 'sam_decoder_multi.onnx')}`;

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; }

async function profiled(cdp: CDPSession, what: string, fn: () => Promise<void>): Promise<void> {
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f ? `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}` : '?';
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18);
  process.stdout.write(`\n== ${what} (${Date.now() - t0} ms wall)\n${top.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}\n`);
}

async function openByName(page: Page, name: string): Promise<void> {
  const item = page.getByTestId('gallery-item').filter({ hasText: name });
  const id = (await item.getAttribute('data-image-id')) ?? '';
  await item.click();
  await waitForImage(page, id);
}

async function clicks(page: Page, n: number): Promise<void> {
  const editor = page.getByTestId('editor');
  const w = Number(await editor.getAttribute('data-image-width'));
  const h = Number(await editor.getAttribute('data-image-height'));
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Escape');
    const p = await pagePointOf(page, (0.2 + 0.06 * i) * w, (0.3 + 0.04 * i) * h);
    await page.mouse.click(p.x, p.y);
    const total = (await page.evaluate(CLICK_TO_DRAWN)) as number;
    process.stdout.write(`click ${total.toFixed(0)} ms ${JSON.stringify(await page.evaluate(CLICK_PARTS), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
  }
}

ensureRendererBuilt();
const root = tempRoot('ui-profile');
const served = await serve(await makeUiProject(root.dir), MODEL, isolatedEnv(root.dir));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  // Socket frames of the big open: which call waits for what.
  let log: string[] | null = null;
  let t0 = 0;
  const head = (p: string | Buffer) => (typeof p === 'string' ? p : p.toString('latin1')).replace(/[^ -~]/g, '.').slice(0, 90);
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => log?.push(`${Date.now() - t0} → ${head(f.payload)}`));
    ws.on('framereceived', (f) => log?.push(`${Date.now() - t0} ← ${f.payload.length} ${head(f.payload)}`));
  });
  await page.goto(served.url);
  await page.getByTestId('gallery-item').nth(SMALL.length).waitFor({ timeout: 60_000 });
  await page.evaluate(PROBE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await openByName(page, SMALL[0]);
  await clicks(page, 3);
  // Resizes of the editor element during clicks would reallocate the canvas (a layout that moves with the panels).
  await page.evaluate(`(() => { window.__resizes = []; new ResizeObserver((es) => es.forEach((e) => window.__resizes.push(Math.round(e.contentRect.width) + 'x' + Math.round(e.contentRect.height)))).observe(document.querySelector('[data-testid="editor"]')); })()`);
  if (!process.env.SKIP_CLICKS) await profiled(cdp, '10 clicks', () => clicks(page, 10));
  process.stdout.write(`editor resizes during the clicks: ${String(await page.evaluate('window.__resizes.join(" ")'))}\n`);
  await profiled(cdp, `open ${BIG} with ${MASKS_ON_BIG} masks`, async () => {
    log = [];
    t0 = Date.now();
    const tp = (await page.evaluate('performance.now()')) as number;
    await openByName(page, BIG);
    await page.waitForFunction(`document.querySelectorAll('[data-testid="annotation-item"]').length === ${MASKS_ON_BIG}`, undefined, { timeout: 60_000 });
    const listed = (await page.evaluate('performance.now()')) as number;
    await page.waitForFunction(`(() => { const r = window.__bench.renders; return r.length > 0 && performance.now() - r[r.length - 1] > 500; })()`);
    const renders = (await page.evaluate(`window.__bench.renders.filter((r) => r > ${tp}).map((r) => Math.round(r - ${tp}))`)) as number[];
    process.stdout.write(`big: listed ≤ ${Math.round(listed - tp)} ms; frames at ${renders.join(', ')}\n${log.join('\n')}\n`);
  });
} finally {
  await browser.close();
  await served.stop();
  root.cleanup();
}
