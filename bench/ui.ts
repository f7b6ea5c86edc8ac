/**
 * UI bench (issue 8) in Debian chromium against `samlabel serve` with the random-weight SAM graphs
 * from ../shared/fixtures/sam-random: click → mask drawn, hover previews per second, switching to a
 * precomputed vs a not-yet-computed image → first mask, long tasks during background encodes, and a
 * 4000×3000 image with 200 accepted masks (open → drawn, wheel-zoom and pan frame times). Times are
 * taken inside the page (performance.now, the stage's render marks), not across the driver.
 */
import type { Page } from 'playwright-core';
import { summarize, type BenchResult } from './stats.js';
import { MASKS_ON_BIG, SMALL } from './uiProject.js';
import { CLICK_PARTS, switchToReady } from './uiProbe.js';
import { clickToDrawn, idOf, num, openBig, openByName, waitPrecomputed, withUiPage, zoomPanRound } from './uiSession.js';

const CLICKS = 30;

type ClickParts = Record<'toSent' | 'transport' | 'main' | 'decode' | 'toDrawn', number>;

const PART_NAMES: Array<[keyof ClickParts, string]> = [
  ['toSent', 'pointerdown → predict sent (page)'],
  ['transport', 'socket both ways (round trip − main)'],
  ['main', 'main: queue, validation, stability, framing (total − decode)'],
  ['decode', 'engine: decoder run'],
  ['toDrawn', 'answer → mask drawn (page: candidates, raster, fabric, frame)'],
];

/** Click → drawn, and where its time went (the marks of EditorSession.timed and main's timingsMs). */
async function benchClicks(page: Page): Promise<BenchResult[]> {
  const samples: number[] = [];
  const parts: ClickParts[] = [];
  for (let i = 0; i < CLICKS + 3; i++) {
    const t = await clickToDrawn(page, 0.2 + 0.6 * ((i * 7) % 10) / 10, 0.2 + 0.6 * ((i * 3) % 10) / 10);
    if (i < 3) continue; // the first clicks warm the decoder session
    samples.push(t);
    const p = (await page.evaluate(CLICK_PARTS)) as ClickParts | null;
    if (p) parts.push(p);
  }
  return [
    summarize('ui: click → mask drawn (random-weight SAM decoder, 1024×683)', samples),
    ...PART_NAMES.map(([key, what]) => summarize(`ui: click part: ${what}`, parts.map((p) => p[key]))),
  ];
}

/**
 * The pointer moves to a new point and rests there until the preview under it is drawn, 20 times:
 * rest → preview drawn (the app's rest delay included) and the preview updates per second that gives.
 */
async function benchHover(page: Page): Promise<BenchResult[]> {
  await page.keyboard.press('Escape');
  const box = await page.getByTestId('editor').boundingBox();
  if (!box) throw new Error('no editor');
  const latencies: number[] = [];
  const start = await num(page, 'performance.now()');
  for (let k = 0; k < 20; k++) {
    const t0 = await num(page, 'performance.now()');
    await page.mouse.move(box.x + box.width * (0.3 + 0.02 * k), box.y + box.height * (0.3 + 0.015 * k));
    latencies.push((await num(page, `window.__bench.frameAfter(${t0} + 20)`)) - t0);
  }
  const elapsed = (await num(page, 'performance.now()')) - start;
  return [
    summarize('ui: hover rest → preview drawn (incl. the 150 ms rest delay)', latencies),
    { name: 'ui: hover preview updates per second (pointer moving on as soon as drawn)', unit: '1/s', median: Math.round((20_000 / elapsed) * 100) / 100, p95: Math.round((20_000 / elapsed) * 100) / 100, runs: 20 },
  ];
}

interface SwitchParts {
  readonly ready: number;
  readonly drawn: number;
}

/**
 * Switching → first mask, as the app serves it: from the input that switches (the D key press, or the
 * gallery click) to the editor being ready to click on the new image (PROBE's ready: the editor's
 * data-image-id is the new image, aria-busy false, the status bar's data-embedding `ready`, seen by a
 * MutationObserver in the page), plus the first click's own pointerdown → mask drawn. The driver's
 * round trips in between (reading attributes, aiming the pointer) are a person's aim time, not counted.
 */
async function switchToFirstMask(page: Page, imageId: string, open: () => Promise<void>): Promise<SwitchParts> {
  const before = await num(page, 'performance.now()');
  await open();
  const ready = await num(page, switchToReady(imageId, before));
  const drawn = await clickToDrawn(page, 0.5, 0.5);
  return { ready, drawn };
}

async function benchSwitching(page: Page): Promise<BenchResult[]> {
  const pre: SwitchParts[] = [];
  const cold: SwitchParts[] = [];
  const longTasksFrom = await num(page, 'performance.now()');
  // D to a01…a03, then A back to a00: six switches to images whose embedding is cached.
  for (const [i, key] of [[1, 'd'], [2, 'd'], [3, 'd'], [2, 'a'], [1, 'a'], [0, 'a']] as const) {
    // The page queues the neighbours after 1.2 s idle and main encodes after 1.5 s editor quiet; wait for the queue to drain.
    await page.waitForTimeout(2000);
    await waitPrecomputed(page);
    const next = await idOf(page, SMALL[i]);
    await page.getByTestId('editor').focus();
    pre.push(await switchToFirstMask(page, next, () => page.keyboard.press(key)));
  }
  // Five ahead of a03 were queued (a04…a08), none further from a00; a11 and then a09 are in no queue when opened.
  for (const name of [SMALL[11], SMALL[9]]) {
    const id = await idOf(page, name);
    cold.push(await switchToFirstMask(page, id, () => page.getByTestId('gallery-item').filter({ hasText: name }).click()));
  }
  const longTasks = (await page.evaluate(`window.__bench.longTasks.filter((t) => t.at > ${longTasksFrom}).map((t) => t.duration)`)) as number[];
  return [
    summarize('ui: precomputed image → first mask drawn', pre.map((p) => p.ready + p.drawn)),
    summarize('ui: switch part: key press → editor ready (precomputed image)', pre.map((p) => p.ready)),
    summarize('ui: switch part: first click → mask drawn (precomputed image)', pre.map((p) => p.drawn)),
    summarize('ui: not-yet-computed image → first mask drawn (encoder wait)', cold.map((p) => p.ready + p.drawn)),
    { ...summarize('ui: long tasks (> 50 ms) while images encode in the background', longTasks.length > 0 ? longTasks : [0]), runs: longTasks.length },
  ];
}

async function benchBigImage(page: Page): Promise<BenchResult[]> {
  const t0 = await num(page, 'performance.now()');
  // Drawn = the last frame before the stage goes quiet for 500 ms (openBig waits for that quiet).
  await openBig(page);
  const drawn = (await num(page, 'window.__bench.renders[window.__bench.renders.length - 1]')) - t0;
  const { zoom, pan } = await zoomPanRound(page);
  return [
    summarize(`ui: ${MASKS_ON_BIG} accepted masks on 4000×3000: open → drawn`, [drawn]),
    summarize(`ui: ${MASKS_ON_BIG} masks on 4000×3000: wheel zoom → frame`, zoom),
    summarize(`ui: ${MASKS_ON_BIG} masks on 4000×3000: pan move → frame`, pan),
  ];
}

export async function benchUi(): Promise<BenchResult[]> {
  return withUiPage('bench-ui', async (page) => {
    await openByName(page, SMALL[0]);
    const results = [...(await benchClicks(page)), ...(await benchHover(page))];
    results.push(...(await benchSwitching(page)));
    results.push(...(await benchBigImage(page)));
    return results;
  });
}
