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
import { ensureRendererBuilt, isolatedEnv, launch, serve, tempRoot, waitForImage } from '../test/e2e/harness.js';
import { summarize } from './stats.js';
import { BIG, MASKS_ON_BIG, SMALL, makeUiProject } from './uiProject.js';
import { PROBE } from './uiProbe.js';

const SAM_RANDOM = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');
const MODEL = `${join(SAM_RANDOM, 'mobile_sam_like_encoder.onnx')},${join(SAM_RANDOM, 'sam_decoder_multi.onnx')}`;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const num = (page: Page, script: string): Promise<number> => page.evaluate(script) as Promise<number>;

function printProfile(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f ? `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}` : '?';
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stdout.write(`${top.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}\n`);
}

/** The bench's sequence: 10 wheel steps in, 10 out, then a 30-move pan. */
async function round(page: Page): Promise<{ zoom: number[]; pan: number[] }> {
  const zoom: number[] = [];
  for (let k = 0; k < 20; k++) zoom.push(await num(page, `window.__bench.wheelFrame(400, 300, ${k < 10 ? -120 : 120})`));
  const pan = (await page.evaluate('window.__bench.panFrames(400, 300, -300, -200, 30)')) as number[];
  return { zoom, pan };
}

async function openBig(page: Page): Promise<void> {
  const item = page.getByTestId('gallery-item').filter({ hasText: BIG });
  const id = (await item.getAttribute('data-image-id')) ?? '';
  await item.click();
  await waitForImage(page, id);
  await page.waitForFunction(`document.querySelectorAll('[data-testid="annotation-item"]').length === ${MASKS_ON_BIG}`, undefined, { timeout: 60_000 });
  await page.waitForFunction(`(() => { const r = window.__bench.renders; return r.length > 0 && performance.now() - r[r.length - 1] > 500; })()`);
}

async function profiledRound(page: Page, cdp: CDPSession): Promise<{ zoom: number[]; pan: number[] }> {
  await cdp.send('Profiler.start');
  const r = await round(page);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  printProfile(profile);
  return r;
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
  await page.getByTestId('gallery-item').nth(SMALL.length).waitFor({ timeout: 60_000 });
  await page.evaluate(PROBE);
  await openBig(page);
}

/** ROUNDS times the bench's zoom and pan sequence; every frame time, then median and p95 of all. */
async function timedRounds(browser: Browser, page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const all = { zoom: [] as number[], pan: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const last = i === ROUNDS - 1;
    if (i > 0 && process.env.FRESH) await reopen(page);
    if (last && process.env.TRACE_OUT) await browser.startTracing(page, { categories: (process.env.TRACE_CATEGORIES ?? 'devtools.timeline,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline,toplevel').split(',') });
    const r = process.env.PROFILE && last ? await profiledRound(page, cdp) : await round(page);
    if (last && process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, await browser.stopTracing());
    process.stdout.write(`round ${i}: zoom ${r.zoom.map((t) => t.toFixed(0)).join(' ')}\n         pan ${r.pan.map((t) => t.toFixed(0)).join(' ')}\n`);
    all.zoom.push(...r.zoom);
    all.pan.push(...r.pan);
    await page.waitForTimeout(1000);
  }
  for (const [name, samples] of Object.entries(all)) process.stdout.write(`${JSON.stringify(summarize(name, samples))}\n`);
}

ensureRendererBuilt();
const root = tempRoot('ui-zoom');
const served = await serve(await makeUiProject(root.dir), MODEL, isolatedEnv(root.dir));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  await page.goto(served.url);
  await page.getByTestId('gallery-item').nth(SMALL.length).waitFor({ timeout: 60_000 });
  await page.evaluate(PROBE);
  await openBig(page);
  if (process.env.SNAP_DIR) await snapshots(page, process.env.SNAP_DIR);
  else await timedRounds(browser, page);
} finally {
  await browser.close();
  await served.stop();
  root.cleanup();
}
