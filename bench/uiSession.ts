/**
 * What the UI bench and its diagnosis scripts (uiProfile, uiTrace, uiZoom, uiSwitch) share: the app
 * served with the random-weight SAM graphs on the bench project, one chromium page with the probe
 * installed, and the driver steps they all take (open an image, click and wait for the mask, zoom/pan).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, isolatedEnv, launch, pagePointOf, serve, tempRoot, waitForImage } from '../test/e2e/harness.js';
import { BIG, MASKS_ON_BIG, SMALL, makeUiProject } from './uiProject.js';
import { CLICK_PARTS, CLICK_TO_DRAWN, PROBE } from './uiProbe.js';

const SAM_RANDOM = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const MODEL = `${join(SAM_RANDOM, 'mobile_sam_like_encoder.onnx')},${join(SAM_RANDOM, 'sam_decoder_multi.onnx')}`;

/** The trace categories every script records; each adds its own (cc, gpu, loading, …). */
export const TRACE_CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel'];

export interface UiPageOptions {
  /** Runs on the new page before it loads the app: init scripts, socket listeners. */
  readonly beforeLoad?: (page: Page) => unknown;
}

export const num = (page: Page, script: string): Promise<number> => page.evaluate(script) as Promise<number>;

/** Waits for the whole gallery (the small images and the big one), then installs the probe. */
export async function galleryReady(page: Page): Promise<void> {
  await page.getByTestId('gallery-item').nth(SMALL.length).waitFor({ timeout: 60_000 });
  await page.evaluate(PROBE);
}

async function loadedPage(browser: Browser, url: string, options: UiPageOptions): Promise<Page> {
  // The probe's polling predicates are evaluated strings, which the app's CSP (rightly) forbids.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  await options.beforeLoad?.(page);
  await page.goto(url);
  await galleryReady(page);
  return page;
}

/**
 * Serves a fresh bench project (temp folder named after `name`), opens it in chromium and runs `fn`
 * on the loaded page; the browser, the server and the folder go away however `fn` ends.
 */
export async function withUiPage<T>(name: string, fn: (page: Page, browser: Browser) => Promise<T>, options: UiPageOptions = {}): Promise<T> {
  ensureRendererBuilt();
  const root = tempRoot(name);
  try {
    const served = await serve(await makeUiProject(root.dir), MODEL, isolatedEnv(root.dir));
    try {
      const browser = await launch();
      try {
        return await fn(await loadedPage(browser, served.url, options), browser);
      } finally {
        await browser.close();
      }
    } finally {
      await served.stop();
    }
  } finally {
    root.cleanup();
  }
}

export const idOf = async (page: Page, name: string): Promise<string> =>
  (await page.getByTestId('gallery-item').filter({ hasText: name }).getAttribute('data-image-id')) ?? '';

/** Clicks the gallery item `name` and waits until the editor shows it. */
export async function openByName(page: Page, name: string): Promise<void> {
  const id = await idOf(page, name);
  await page.getByTestId('gallery-item').filter({ hasText: name }).click();
  await waitForImage(page, id);
}

/** Until the status bar's count says every image's embedding is computed (n/n). */
export async function waitPrecomputed(page: Page): Promise<void> {
  await page.waitForFunction(
    `(() => { const m = /(\\d+)\\/(\\d+)/.exec(document.querySelector('[data-testid="status-bar"]').innerText); return m && m[1] === m[2]; })()`,
    undefined,
    { timeout: 60_000 },
  );
}

/** Escape, then (after settleMs) a click at image fraction (fx, fy); ms from pointerdown to the mask's frame. */
export async function clickToDrawn(page: Page, fx: number, fy: number, settleMs = 0): Promise<number> {
  await page.keyboard.press('Escape');
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  const editor = page.getByTestId('editor');
  const w = Number(await editor.getAttribute('data-image-width'));
  const h = Number(await editor.getAttribute('data-image-height'));
  const p = await pagePointOf(page, fx * w, fy * h);
  await page.mouse.click(p.x, p.y);
  return num(page, CLICK_TO_DRAWN);
}

/** n clicks on a diagonal of the open image, each printed with its click → drawn and its parts. */
export async function printClicks(page: Page, n: number, settleMs = 0): Promise<void> {
  for (let i = 0; i < n; i++) {
    const total = await clickToDrawn(page, 0.2 + 0.06 * i, 0.3 + 0.04 * i, settleMs);
    const parts = await page.evaluate(CLICK_PARTS);
    process.stdout.write(`click ${total.toFixed(0)} ms ${JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
  }
}

/** After the big image is opened: until all its masks are listed. */
export async function waitBigListed(page: Page): Promise<void> {
  await page.waitForFunction(`document.querySelectorAll('[data-testid="annotation-item"]').length === ${MASKS_ON_BIG}`, undefined, { timeout: 60_000 });
}

/** Until the stage has drawn nothing for 500 ms: its last frame is the drawn one. */
export async function waitStageQuiet(page: Page): Promise<void> {
  await page.waitForFunction(`(() => { const r = window.__bench.renders; return r.length > 0 && performance.now() - r[r.length - 1] > 500; })()`);
}

/** Opens the 200-mask image and waits until its masks are listed and drawn. */
export async function openBig(page: Page): Promise<void> {
  await openByName(page, BIG);
  await waitBigListed(page);
  await waitStageQuiet(page);
}

/** The bench's zoom and pan sequence: 10 wheel steps in, 10 out, then a 30-move pan; ms to each frame. */
export async function zoomPanRound(page: Page): Promise<{ zoom: number[]; pan: number[] }> {
  const zoom: number[] = [];
  for (let k = 0; k < 20; k++) zoom.push(await num(page, `window.__bench.wheelFrame(400, 300, ${k < 10 ? -120 : 120})`));
  const pan = (await page.evaluate('window.__bench.panFrames(400, 300, -300, -200, 30)')) as number[];
  return { zoom, pan };
}
