/**
 * Chromium trace of a few clicks (not a bench row): `npx tsx bench/uiTrace.ts` prints, per click, the
 * renderer main thread's tasks between pointerdown and the drawn frame, to see what a click waits for.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt, isolatedEnv, launch, pagePointOf, serve, tempRoot, waitForImage } from '../test/e2e/harness.js';
import { SMALL, makeUiProject } from './uiProject.js';
import { CLICK_PARTS, CLICK_TO_DRAWN, PROBE } from './uiProbe.js';

const SAM_RANDOM = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const MODEL = `${join(SAM_RANDOM, 'mobile_sam_like_encoder.onnx')},${join(SAM_RANDOM, 'sam_decoder_multi.onnx')}`;

async function clicks(page: Page, n: number): Promise<void> {
  const editor = page.getByTestId('editor');
  const w = Number(await editor.getAttribute('data-image-width'));
  const h = Number(await editor.getAttribute('data-image-height'));
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    const p = await pagePointOf(page, (0.2 + 0.06 * i) * w, (0.3 + 0.04 * i) * h);
    await page.mouse.click(p.x, p.y);
    const total = (await page.evaluate(CLICK_TO_DRAWN)) as number;
    process.stdout.write(`click ${total.toFixed(0)} ms ${JSON.stringify(await page.evaluate(CLICK_PARTS), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
  }
}

ensureRendererBuilt();
const root = tempRoot('ui-trace');
const served = await serve(await makeUiProject(root.dir), MODEL, isolatedEnv(root.dir));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  await page.goto(served.url);
  await page.getByTestId('gallery-item').nth(SMALL.length).waitFor({ timeout: 60_000 });
  await page.evaluate(PROBE);
  const item = page.getByTestId('gallery-item').filter({ hasText: SMALL[0] });
  const id = (await item.getAttribute('data-image-id')) ?? '';
  await item.click();
  await waitForImage(page, id);
  await clicks(page, 4);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel', 'cc', 'gpu', 'viz', 'benchmark'] });
  await clicks(page, Number(process.env.CLICKS ?? 5));
  const trace = await browser.stopTracing();
  writeFileSync(process.env.TRACE_OUT ?? '/tmp/exp/trace.json', trace);
} finally {
  await browser.close();
  await served.stop();
  root.cleanup();
}
