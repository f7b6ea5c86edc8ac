/**
 * Acceptance E2E (issue 10 item 7): automatic masks in the browser against `samlabel serve`. A
 * generated decoder makes AMG's survivors known in kind: for every grid point a disc of radius
 * 0.15 × 640 = 96 px (IoU 0.9, stability (95/97)² ≈ 0.96, so it passes SAM's default thresholds) and
 * one of 640 px (IoU 0.89) spanning the frame; the 10 px-class discs fail the stability threshold. Box NMS
 * thins the 1024 discs to a spread of them. Auto → progress → cancel; Auto again → masks listed largest
 * first → accept two with a label, reject one → `samlabel export --format coco` has exactly those two.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/images.js';
import { discDecoder } from '../helpers/tinyModels.js';
import { addAndPickLabel, annotationItems, exportCoco, openGalleryItem } from './flow.js';
import { attr, ensureRendererBuilt, isolatedEnv, openApp, screenshot, tempRoot, type OpenApp } from './harness.js';

let root: { dir: string; cleanup: () => void };
let folder: string;
let env: NodeJS.ProcessEnv;
let app: OpenApp | undefined;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  root = tempRoot('auto');
  folder = join(root.dir, 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'a.jpg'), 640, 480, { red: { x: 160, y: 110, w: 120, h: 90 } });
  await writeTestImage(join(folder, 'b.jpg'), 320, 240);
  env = isolatedEnv(root.dir);
  app = await openApp(root.dir, folder, { name: 'disc_amg.onnx', bytes: discDecoder([0.05, 0.05, 0.15, 1.0], [0.5, 0.95, 0.9, 0.89]) }, env);
  page = app.page;
}, 240_000);

afterAll(async () => {
  await app?.close();
  root?.cleanup();
});

interface Listed {
  readonly recordId: string;
  readonly area: number;
  readonly score: number;
  readonly bbox: number[];
}

async function listed(): Promise<Listed[]> {
  const items = page.getByTestId('auto-item');
  const out: Listed[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    out.push({ recordId: await attr(item, 'data-record-id'), area: Number(await attr(item, 'data-area')), score: Number(await attr(item, 'data-score')), bbox: (await attr(item, 'data-bbox')).split(',').map(Number) });
  }
  return out;
}

const item = (recordId: string) => page.locator(`[data-testid="auto-item"][data-record-id="${recordId}"]`);

describe('automatic masks in the browser', () => {
  it('Auto shows progress and can be cancelled', async () => {
    await openGalleryItem(page, 'a.jpg');
    await page.getByTestId('auto-run').click();
    await page.getByTestId('auto-progress').waitFor({ timeout: 30_000 });
    await screenshot(page, 'auto-progress');
    await page.getByTestId('auto-cancel').click();
    await page.getByTestId('auto-progress').waitFor({ state: 'detached' });
    expect(await page.getByTestId('auto-list').count()).toBe(0);
  }, 120_000);

  it('Auto → masks listed largest first → accept two with a label, reject one → the COCO export has exactly those two', async () => {
    await addAndPickLabel(page, 'thing');
    await page.getByTestId('auto-run').click();
    await page.getByTestId('auto-item').first().waitFor({ timeout: 120_000 });
    const records = await listed();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.map((r) => r.area)).toEqual([...records.map((r) => r.area)].sort((a, b) => b - a));
    // The 640 px disc of a grid point spans the whole frame (not every corner: its area is below 640×480).
    expect(records[0].bbox).toEqual([0, 0, 640, 480]);
    expect(records.every((r) => r.score > 0.88)).toBe(true);
    await screenshot(page, 'auto-review');

    // Keep the whole image and the smallest disc (distinct areas and boxes); drop the second.
    const keep = [records[0], records[records.length - 1]];
    const drop = records[1];
    await item(drop.recordId).getByTestId('auto-reject').click();
    await item(drop.recordId).waitFor({ state: 'detached' });
    for (const r of keep) {
      await item(r.recordId).getByTestId('auto-accept').click();
      await item(r.recordId).waitFor({ state: 'detached' });
    }
    await expect.poll(() => annotationItems(page).count()).toBe(2);
    const areas = await annotationItems(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-area'))));
    expect(areas.sort((a, b) => a - b)).toEqual(keep.map((r) => r.area).sort((a, b) => a - b));
    expect(await annotationItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toEqual(['thing', 'thing']);
    expect(await page.getByTestId('auto-item').count()).toBe(records.length - 3);
    await screenshot(page, 'auto-accepted');

    const coco = exportCoco(folder, join(root.dir, 'export'), env).get('a.jpg') ?? [];
    const byArea = <T extends { area: number }>(list: T[]) => [...list].sort((x, y) => x.area - y.area);
    expect(byArea(coco).map((a) => [a.area, a.bbox])).toEqual(byArea(keep).map((r) => [r.area, r.bbox]));
  }, 240_000);

  it('Auto on all listed images runs in the background: images without automatic masks get them, flagged for review', async () => {
    await page.getByTestId('auto-batch').click();
    await page.getByTestId('auto-batch-progress').waitFor({ timeout: 30_000 });
    await screenshot(page, 'auto-batch-progress');
    const done = page.getByTestId('auto-batch-done');
    await done.waitFor({ timeout: 180_000 });
    // a.jpg already has automatic masks (accepted above): skipped; b.jpg gets every mask found.
    expect(Number(await attr(done, 'data-records'))).toBeGreaterThan(0);
    const b = page.getByTestId('gallery-item').filter({ hasText: 'b.jpg' });
    await expect.poll(() => attr(b, 'data-status')).toBe('in_progress');
    await b.click();
    await expect.poll(() => annotationItems(page).count()).toBe(Number(await attr(done, 'data-records')));
    await screenshot(page, 'auto-batch-done');
  }, 240_000);
});
