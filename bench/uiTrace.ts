/**
 * Chromium trace of a few clicks (not a bench row): `npx tsx bench/uiTrace.ts` records the renderer's
 * main thread over CLICKS clicks (default 5, after 4 untraced warm-up clicks) and writes the trace to
 * TRACE_OUT (default /tmp/exp/trace.json), to see what a click waits for between pointerdown and the
 * drawn frame; each click's time and parts are printed.
 */
import { writeFileSync } from 'node:fs';
import { SMALL } from './uiProject.js';
import { TRACE_CATEGORIES, openByName, printClicks, withUiPage } from './uiSession.js';

// Between Escape and the click, so the trace shows the click's own tasks apart from the clear's.
const SETTLE_MS = 200;

await withUiPage('ui-trace', async (page, browser) => {
  await openByName(page, SMALL[0]);
  await printClicks(page, 4, SETTLE_MS);
  await browser.startTracing(page, { categories: [...TRACE_CATEGORIES, 'cc', 'gpu', 'viz', 'benchmark'] });
  await printClicks(page, Number(process.env.CLICKS ?? 5), SETTLE_MS);
  writeFileSync(process.env.TRACE_OUT ?? '/tmp/exp/trace.json', await browser.stopTracing());
});
