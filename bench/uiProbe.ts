/**
 * In-page instrumentation for the UI bench, as a script string (it runs in chromium, not in Node):
 * the stage's render marks, pointerdown/keydown times, the editor's aria-busy falling edges, long
 * tasks, and helpers that dispatch wheel/pan input and resolve at the next drawn frame.
 */
export const RENDER_MARK = 'samlabel:stage-rendered';
export const PREDICT_SENT_MARK = 'samlabel:predict-sent';
export const PREDICT_ANSWERED_MARK = 'samlabel:predict-answered';

export const PROBE = `
(() => {
  const b = (window.__bench = { renders: [], busyFalse: [], downs: [], keys: [], longTasks: [], sent: [], answered: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === '${RENDER_MARK}') b.renders.push(e.startTime);
      else if (e.name === '${PREDICT_SENT_MARK}') b.sent.push(e.startTime);
      else if (e.name === '${PREDICT_ANSWERED_MARK}') b.answered.push({ at: e.startTime, main: e.detail });
    }
  }).observe({ type: 'mark' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ at: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  document.addEventListener('pointerdown', () => b.downs.push(performance.now()), true);
  document.addEventListener('keydown', () => b.keys.push(performance.now()), true);
  const editor = document.querySelector('[data-testid="editor"]');
  new MutationObserver(() => {
    if (editor.getAttribute('aria-busy') === 'false') b.busyFalse.push(performance.now());
  }).observe(editor, { attributes: true, attributeFilter: ['aria-busy'] });
  // Ready to click: the editor shows the image, is not busy, and the status bar says its embedding is ready.
  const bar = document.querySelector('[data-testid="status-bar"]');
  b.ready = [];
  let readyId = null;
  const noteReady = () => {
    const id = editor.getAttribute('data-image-id');
    const ready = id && editor.getAttribute('aria-busy') === 'false' && bar.getAttribute('data-embedding') === 'ready' ? id : null;
    if (ready !== null && ready !== readyId) b.ready.push({ at: performance.now(), id: ready });
    readyId = ready;
  };
  new MutationObserver(noteReady).observe(editor, { attributes: true, attributeFilter: ['data-image-id', 'aria-busy'] });
  new MutationObserver(noteReady).observe(bar, { attributes: true, attributeFilter: ['data-embedding'] });
  /** The first time after t that the editor was ready to click on image id (resolves with its time). */
  b.readyAfter = (id, t) => new Promise((resolve) => {
    const poll = () => {
      const r = b.ready.find((x) => x.at > t && x.id === id);
      if (r !== undefined) resolve(r.at);
      else requestAnimationFrame(poll);
    };
    poll();
  });
  /** First frame drawn after time t (resolves with its time). */
  b.frameAfter = (t) => new Promise((resolve) => {
    const poll = () => {
      const r = b.renders.find((x) => x > t);
      if (r !== undefined) resolve(r);
      else requestAnimationFrame(poll);
    };
    poll();
  });
  /** Dispatches a wheel step at (x, y) inside the editor; ms to the frame that shows it. */
  b.wheelFrame = async (x, y, deltaY) => {
    const rect = editor.getBoundingClientRect();
    const t0 = performance.now();
    editor.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: rect.left + x, clientY: rect.top + y, bubbles: true, cancelable: true }));
    return (await b.frameAfter(t0)) - t0;
  };
  /** Middle-button drag by (dx, dy) in n moves; ms from each move to the frame that shows it. */
  b.panFrames = async (x, y, dx, dy, n) => {
    const rect = editor.getBoundingClientRect();
    const at = (k) => ({ clientX: rect.left + x + (dx * k) / n, clientY: rect.top + y + (dy * k) / n, pointerId: 1, bubbles: true, button: 1, buttons: 4 });
    editor.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    const out = [];
    for (let k = 1; k <= n; k++) {
      const t0 = performance.now();
      editor.dispatchEvent(new PointerEvent('pointermove', at(k)));
      out.push((await b.frameAfter(t0)) - t0);
    }
    editor.dispatchEvent(new PointerEvent('pointerup', at(n)));
    return out;
  };
})();
`;

/** After the last pointerdown: the first frame drawn once the editor stopped being busy (ms since pointerdown). */
export const CLICK_TO_DRAWN = `
(async () => {
  const b = window.__bench;
  const down = b.downs[b.downs.length - 1];
  for (;;) {
    const idle = b.busyFalse.find((t) => t > down);
    if (idle !== undefined) return (await b.frameAfter(idle)) - down;
    await new Promise((r) => requestAnimationFrame(r));
  }
})()
`;

/** The last click's parts (ms): pointerdown → predict sent, the round trip, main's and the decoder's share, answer → drawn. */
export const CLICK_PARTS = `
(() => {
  const b = window.__bench;
  const down = b.downs[b.downs.length - 1];
  const sent = b.sent.filter((t) => t > down)[0];
  const answered = b.answered.filter((a) => a.at > down)[0];
  const idle = b.busyFalse.find((t) => t > down);
  const drawn = b.renders.find((t) => t > idle);
  if (sent === undefined || !answered || drawn === undefined) return null;
  const main = answered.main ?? { decode: NaN, total: NaN };
  return { toSent: sent - down, transport: answered.at - sent - main.total, main: main.total - main.decode, decode: main.decode, toDrawn: drawn - answered.at };
})()
`;

/**
 * ms from the first key press or pointerdown after page time `after` (the input that switched images)
 * to the editor being ready to click on `imageId` (see PROBE's ready: id shown, not busy, embedding ready).
 */
export function switchToReady(imageId: string, after: number): string {
  return `
(async () => {
  const b = window.__bench;
  const input = Math.min(...[...b.keys, ...b.downs].filter((t) => t > ${after}));
  return (await b.readyAfter(${JSON.stringify(imageId)}, input)) - input;
})()
`;
}
