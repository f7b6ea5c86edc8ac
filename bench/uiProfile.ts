/**
 * Where the page's time goes (not a bench row): `npx tsx bench/uiProfile.ts` runs the UI bench's clicks
 * and the 200-mask open under chromium's sampling profiler and prints the functions with the most self
 * time, plus the click parts. SKIP_CLICKS=1 leaves out the 10 profiled clicks. For finding costs; the
 * numbers to report come from `npm run bench`.
 */
import type { CDPSession, Page } from 'playwright-core';
import { printSelfTime, sampled, sampler } from './uiCpuProfile.js';
import { BIG, MASKS_ON_BIG, SMALL } from './uiProject.js';
import { num, openByName, printClicks, waitBigListed, waitStageQuiet, withUiPage } from './uiSession.js';

async function profiled(cdp: CDPSession, what: string, fn: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  const { profile } = await sampled(cdp, fn);
  process.stdout.write(`\n== ${what} (${Date.now() - t0} ms wall)\n`);
  printSelfTime(profile, 18);
}

/** Socket frames from the page's sockets, kept while `log.lines` is set: which call waits for what. */
function logFrames(page: Page, log: { lines: string[] | null; t0: number }): void {
  const head = (p: string | Buffer) => (typeof p === 'string' ? p : p.toString('latin1')).replace(/[^ -~]/g, '.').slice(0, 90);
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => log.lines?.push(`${Date.now() - log.t0} → ${head(f.payload)}`));
    ws.on('framereceived', (f) => log.lines?.push(`${Date.now() - log.t0} ← ${f.payload.length} ${head(f.payload)}`));
  });
}

/** The big open: when its masks are listed, the frames drawn after it, and the socket frames. */
async function openBigLogged(page: Page, log: { lines: string[] | null; t0: number }): Promise<void> {
  log.lines = [];
  log.t0 = Date.now();
  const tp = await num(page, 'performance.now()');
  await openByName(page, BIG);
  await waitBigListed(page);
  const listed = await num(page, 'performance.now()');
  await waitStageQuiet(page);
  const renders = (await page.evaluate(`window.__bench.renders.filter((r) => r > ${tp}).map((r) => Math.round(r - ${tp}))`)) as number[];
  process.stdout.write(`big: listed ≤ ${Math.round(listed - tp)} ms; frames at ${renders.join(', ')}\n${log.lines.join('\n')}\n`);
}

const log: { lines: string[] | null; t0: number } = { lines: null, t0: 0 };
await withUiPage('ui-profile', async (page) => {
  const cdp = await sampler(page);
  await openByName(page, SMALL[0]);
  await printClicks(page, 3);
  // Resizes of the editor element during clicks would reallocate the canvas (a layout that moves with the panels).
  await page.evaluate(`(() => { window.__resizes = []; new ResizeObserver((es) => es.forEach((e) => window.__resizes.push(Math.round(e.contentRect.width) + 'x' + Math.round(e.contentRect.height)))).observe(document.querySelector('[data-testid="editor"]')); })()`);
  if (!process.env.SKIP_CLICKS) await profiled(cdp, '10 clicks', () => printClicks(page, 10));
  process.stdout.write(`editor resizes during the clicks: ${String(await page.evaluate('window.__resizes.join(" ")'))}\n`);
  await profiled(cdp, `open ${BIG} with ${MASKS_ON_BIG} masks`, () => openBigLogged(page, log));
}, { beforeLoad: (page) => logFrames(page, log) });
