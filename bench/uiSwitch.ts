/**
 * Where a switch to a precomputed image spends its time (not a bench row): `npx tsx bench/uiSwitch.ts`
 * presses D on precomputed images (SWITCHES, default 6) and prints, per switch, the page's timeline from
 * the key press: socket frames sent/received (by channel), the editor's attributes, the status bar's
 * embedding state, the <img> load, the ready time and the first click → drawn. It also prints what the
 * old row counted (driver round trips included). TRACE=file.json writes a chromium trace of the last
 * switch; RTT=1 adds median socket round trips. For finding costs; report numbers from `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { waitForImage } from '../test/e2e/harness.js';
import { SMALL } from './uiProject.js';
import { switchToReady } from './uiProbe.js';
import { TRACE_CATEGORIES, clickToDrawn, idOf, num, openByName, waitPrecomputed, withUiPage } from './uiSession.js';

/** Before the app loads: every socket frame and DOM change worth seeing, with its page time. */
const TIMELINE = `
(() => {
  const log = (window.__timeline = []);
  const head = (d) => (typeof d === 'string' ? d : new TextDecoder('latin1').decode(new Uint8Array(d).slice(0, 120))).replace(/[^ -~]/g, '.').replace(/"fileName".*|"pointCoords".*|"iouPredictions".*/, '…').slice(0, 160);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (d) {
    log.push([performance.now(), '→ ' + head(d instanceof Uint8Array ? d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) : d)]);
    if (!this.__logged) {
      this.__logged = true;
      this.addEventListener('message', (e) => log.push([performance.now(), '← ' + head(e.data)]));
    }
    return send.call(this, d);
  };
  document.addEventListener('load', (e) => e.target.tagName === 'IMG' && e.target.classList.contains('editor-image') && log.push([performance.now(), 'img loaded']), true);
  document.addEventListener('keydown', (e) => log.push([performance.now(), 'keydown ' + e.key]), true);
  document.addEventListener('pointerdown', () => log.push([performance.now(), 'pointerdown']), true);
  const watch = () => {
    const editor = document.querySelector('[data-testid="editor"]');
    const bar = document.querySelector('[data-testid="status-bar"]');
    if (!editor || !bar) return setTimeout(watch, 50);
    const attrs = (el, names) => new MutationObserver((ms) => ms.forEach((m) => log.push([performance.now(), m.attributeName + '=' + el.getAttribute(m.attributeName)]))).observe(el, { attributes: true, attributeFilter: names });
    attrs(editor, ['data-image-id', 'aria-busy', 'data-image-width']);
    attrs(bar, ['data-embedding']);
  };
  watch();
})();
`;

async function oneSwitch(page: Page, i: number): Promise<void> {
  await page.waitForTimeout(2000);
  await waitPrecomputed(page);
  const id = await idOf(page, SMALL[i]);
  await page.getByTestId('editor').focus();
  const before = await num(page, 'performance.now()');
  await page.keyboard.press('d');
  const ready = (await Promise.race([page.evaluate(switchToReady(id, before)), page.waitForTimeout(10_000).then(() => NaN)])) as number;
  if (Number.isNaN(ready)) {
    process.stdout.write(`never ready on ${id}: ${JSON.stringify(await page.evaluate('[window.__bench.ready, window.__bench.keys, window.__timeline.slice(-30)]'))}\n`);
    throw new Error('never ready');
  }
  // The old row's way: the driver waits for the image, reads the size, aims, then clicks.
  await waitForImage(page, id);
  const drawn = await clickToDrawn(page, 0.5, 0.5);
  const down = await num(page, 'window.__bench.downs[window.__bench.downs.length - 1]');
  const key = await num(page, `window.__bench.keys.find((t) => t > ${before})`);
  const lines = (await page.evaluate(`window.__timeline.filter(([t]) => t >= ${key} - 1)`)) as Array<[number, string]>;
  process.stdout.write(`\n== ${SMALL[i]}: key → ready ${ready.toFixed(0)} ms + click → drawn ${drawn.toFixed(0)} ms = ${(ready + drawn).toFixed(0)} ms (old row: ${(down + drawn - before).toFixed(0)} ms)\n`);
  process.stdout.write(lines.map(([t, what]) => `${(t - key).toFixed(1).padStart(8)}  ${what}`).join('\n') + '\n');
}

/** Median round trips on a second socket of the page: a store-only call vs setImage on precomputed images. */
async function roundTrips(page: Page, n: number): Promise<void> {
  const ids = await Promise.all(SMALL.slice(1, n + 1).map((name) => idOf(page, name)));
  const out = await page.evaluate(`(async () => {
    const ws = new WebSocket(new URL('/rpc', location.href).href.replace('http', 'ws'));
    await new Promise((r) => (ws.onopen = r));
    let next = 1e6;
    const call = (channel, request) => new Promise((resolve) => {
      const id = next++;
      const t0 = performance.now();
      ws.addEventListener('message', function on(e) {
        if (typeof e.data === 'string' && e.data.startsWith('{"id":' + id + ',')) { ws.removeEventListener('message', on); resolve(performance.now() - t0); }
      });
      ws.send(JSON.stringify({ id, channel, request }));
    });
    const ids = ${JSON.stringify(ids)};
    const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
    const info = [], set = [], hist = [];
    for (let k = 0; k < 20; k++) {
      const id = ids[k % ids.length];
      info.push(await call('image:info', { imageId: id }));
      hist.push(await call('history:state', { scope: { imageId: id } }));
      set.push(await call('engine:setImage', { imageId: id }));
    }
    ws.close();
    return 'median RTT ms: image:info ' + med(info) + ', history:state ' + med(hist) + ', engine:setImage (cache hit) ' + med(set);
  })()`);
  process.stdout.write(`\n${String(out)}\n`);
}

await withUiPage('ui-switch', async (page, browser) => {
  await openByName(page, SMALL[0]);
  const n = Number(process.env.SWITCHES ?? 6);
  for (let i = 1; i <= n; i++) {
    if (process.env.TRACE && i === n) await browser.startTracing(page, { categories: [...TRACE_CATEGORIES, 'loading', 'netlog'] });
    await oneSwitch(page, i);
  }
  if (process.env.TRACE) writeFileSync(process.env.TRACE, await browser.stopTracing());
  if (process.env.RTT) await roundTrips(page, n);
}, { beforeLoad: (page) => page.addInitScript(TIMELINE) });
