/**
 * Chromium's sampling profiler for the UI diagnosis scripts (uiProfile, uiZoom): record a stretch of
 * driver steps, then print the page's functions with the most self time.
 */
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** A profiler session on the page, sampling every 200 µs. */
export async function sampler(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  return cdp;
}

/** Runs fn under the profiler; its result and the profile of that stretch. */
export async function sampled<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return { result, profile };
}

/** The `top` functions by self time (ms), one line each: time, name, file:line. */
export function printSelfTime(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f ? `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}` : '?';
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(`${rows.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}\n`);
}
