/**
 * Wheel-zoom and pan frames on the 200-mask image, alone (not a bench row): `npx tsx bench/uiZoom.ts`
 * opens the big image, runs the UI bench's zoom and pan sequence ROUNDS times (default 3) and prints
 * every frame time, so a change to the stage can be compared before/after in minutes instead of the
 * whole UI bench. FRESH=1 reloads the page before every round (nothing cached, like the bench's one
 * round); PROFILE=1 adds chromium's sampling profiler over the last round (self time per function);
 * TRACE_OUT=file.json writes a chromium trace of the last round (TRACE_CATEGORIES=a,b,… to add e.g.
 * cc,gpu,viz: the compositor's scheduling and image decodes); SNAP_DIR=dir saves the overlay canvas
 * (PNG) after open, zoom in, pan and zoom out, to compare drawn pixels before/after.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { summarize } from './stats.js';
import { printSelfTime, sampled, sampler } from './uiCpuProfile.js';
import { TRACE_CATEGORIES, galleryReady, num, openBig, withUiPage, zoomPanRound } from './uiSession.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);

async function profiledRound(cdp: CDPSession, page: Page): Promise<{ zoom: number[]; pan: number[] }> {
  const { result, profile } = await sampled(cdp, () => zoomPanRound(page));
  printSelfTime(profile, 25);
  return result;
}

/** Waits until the stage has drawn nothing for 1.5 s (refinement done), then saves the overlay canvas as PNG. */
async function snap(page: Page, dir: string, name: string): Promise<void> {
  await page.waitForFunction(`(() => { const r = window.__bench.renders; return performance.now() - r[r.length - 1] > 1500; })()`, undefined, { timeout: 60_000 });
  const url = (await page.evaluate(`document.querySelector('[data-testid="editor"] canvas').toDataURL('image/png')`)) as string;
  writeFileSync(join(dir, `${name}.png`), Buffer.from(url.split(',')[1], 'base64'));
  await page.screenshot({ path: join(dir, `${name}-page.png`) });
}

/** SNAP_DIR: the overlay's pixels after open, zoom in, pan and zoom out, each once refinement has settled. */
async function snapshots(page: Page, dir: string): Promise<void> {
  await snap(page, dir, 'open');
  for (let k = 0; k < 10; k++) await num(page, 'window.__bench.wheelFrame(400, 300, -120)');
  await snap(page, dir, 'zoomed-in');
  await page.evaluate('window.__bench.panFrames(400, 300, -300, -200, 30)');
  await snap(page, dir, 'panned');
  for (let k = 0; k < 6; k++) await num(page, 'window.__bench.wheelFrame(400, 300, 120)');
  await snap(page, dir, 'zoomed-out');
}

/** FRESH=1: every round starts from a reloaded page (no bitmap cached), as the bench's one round does. */
async function reopen(page: Page): Promise<void> {
  await page.reload();
  await galleryReady(page);
  await openBig(page);
}

/** ROUNDS times the bench's zoom and pan sequence; every frame time, then median and p95 of all. */
async function timedRounds(browser: Browser, page: Page): Promise<void> {
  const cdp = await sampler(page);
  const all = { zoom: [] as number[], pan: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const last = i === ROUNDS - 1;
    if (i > 0 && process.env.FRESH) await reopen(page);
    if (last && process.env.TRACE_OUT) await browser.startTracing(page, { categories: process.env.TRACE_CATEGORIES?.split(',') ?? TRACE_CATEGORIES });
    const r = process.env.PROFILE && last ? await profiledRound(cdp, page) : await zoomPanRound(page);
    if (last && process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, await browser.stopTracing());
    process.stdout.write(`round ${i}: zoom ${r.zoom.map((t) => t.toFixed(0)).join(' ')}\n         pan ${r.pan.map((t) => t.toFixed(0)).join(' ')}\n`);
    all.zoom.push(...r.zoom);
    all.pan.push(...r.pan);
    await page.waitForTimeout(1000);
  }
  for (const [name, samples] of Object.entries(all)) process.stdout.write(`${JSON.stringify(summarize(name, samples))}\n`);
}

await withUiPage('ui-zoom', async (page, browser) => {
  await openBig(page);
  if (process.env.SNAP_DIR) await snapshots(page, process.env.SNAP_DIR);
  else await timedRounds(browser, page);
});
