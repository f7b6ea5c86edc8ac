/**
 * E2E (issue 10 item 7): Import boxes in the Auto panel against `samlabel serve`. The generated box
 * decoder fills every prompt box, so each imported mask is its detector box. The panel lists the YOLO
 * label folder and the COCO file in the project (never the file beside it); importing the YOLO folder
 * gives a.jpg two annotations labelled with the classes, at the boxes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/images.js';
import { boxDecoder } from '../helpers/tinyModels.js';
import { annotationItems, openGalleryItem } from './flow.js';
import { attr, ensureRendererBuilt, openApp, screenshot, tempRoot, type OpenApp } from './harness.js';

let root: { dir: string; cleanup: () => void };
let app: OpenApp | undefined;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  root = tempRoot('boxes');
  const folder = join(root.dir, 'photos');
  mkdirSync(join(folder, 'labels'), { recursive: true });
  await writeTestImage(join(folder, 'a.jpg'), 200, 100);
  await writeTestImage(join(folder, 'b.jpg'), 120, 80);
  writeFileSync(join(folder, 'labels', 'a.txt'), '1 0.5 0.5 0.5 0.5 0.87\n0 0.1 0.5 0.1 0.8\n');
  writeFileSync(join(folder, 'labels', 'classes.txt'), 'person\ncar\n');
  const coco = { images: [{ id: 1, file_name: 'b.jpg' }], annotations: [{ image_id: 1, category_id: 1, bbox: [10, 10, 20, 20] }], categories: [{ id: 1, name: 'cat' }] };
  writeFileSync(join(folder, 'det.json'), JSON.stringify(coco));
  writeFileSync(join(root.dir, 'outside.json'), JSON.stringify(coco));
  app = await openApp(root.dir, folder, { name: 'box_decoder.onnx', bytes: boxDecoder() });
  page = app.page;
}, 240_000);

afterAll(async () => {
  await app?.close();
  root?.cleanup();
});

describe('Import boxes in the browser', () => {
  it('lists the project’s detections, imports the YOLO folder’s boxes as labelled masks at the boxes', async () => {
    await openGalleryItem(page, 'a.jpg');
    const select = page.getByTestId('boxes-source');
    await expect.poll(() => select.locator('option').allTextContents()).toEqual(['det.json (COCO detections)', 'labels/ (YOLO labels)']);
    await select.selectOption({ label: 'labels/ (YOLO labels)' });
    await page.getByTestId('boxes-import').click();
    const done = page.getByTestId('boxes-done');
    await done.waitFor({ timeout: 120_000 });
    expect(await attr(done, 'data-records')).toBe('2');
    await expect.poll(() => annotationItems(page).count()).toBe(2);
    const labels = await annotationItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-label')).sort());
    expect(labels).toEqual(['car', 'person']);
    const areas = await annotationItems(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-area'))).sort((x, y) => x - y));
    // [10, 10, 30, 90] and [50, 25, 150, 75]: 20×80 and 100×50 pixels, give or take an edge row.
    expect(Math.abs(areas[0] - 1600)).toBeLessThanOrEqual(100);
    expect(Math.abs(areas[1] - 5000)).toBeLessThanOrEqual(150);
    await screenshot(page, 'boxes-imported');
  }, 240_000);

  it('imported masks come flagged for review: badge with the reason, mark reviewed, undo brings the flag back, mark all', async () => {
    const flagged = () => page.locator('[data-testid="annotation-item"][data-review="needs_review"]');
    await expect.poll(() => flagged().count()).toBe(2);
    expect(await attr(page.getByTestId('review-summary'), 'data-count')).toBe('2');
    expect(await attr(flagged().first().getByTestId('review-badge'), 'title')).toMatch(/detector box/);
    await screenshot(page, 'boxes-needs-review');
    const person = page.locator('[data-testid="annotation-item"][data-label="person"]');
    await person.getByTestId('mark-reviewed').click();
    await expect.poll(() => attr(person, 'data-review')).toBe('');
    await expect.poll(() => flagged().count()).toBe(1);
    expect(await attr(page.getByTestId('review-summary'), 'data-count')).toBe('1');
    await page.getByTestId('undo').click();
    await expect.poll(() => flagged().count()).toBe(2);
    expect(await attr(person, 'data-review')).toBe('needs_review');
    await page.getByTestId('review-all').click();
    await expect.poll(() => flagged().count()).toBe(0);
    expect(await page.getByTestId('review-summary').count()).toBe(0);
    await page.getByTestId('undo').click();
    await expect.poll(() => flagged().count()).toBe(2);
    // R: the first press selects the top flagged mask, the second marks it reviewed.
    await page.getByTestId('editor').hover();
    await page.keyboard.press('r');
    await expect.poll(() => attr(flagged().first(), 'aria-selected')).toBe('true');
    await screenshot(page, 'boxes-review-selected');
    await page.keyboard.press('r');
    await expect.poll(() => flagged().count()).toBe(1);
  }, 120_000);
});
