/**
 * Acceptance E2E (issue 8): `samlabel serve` on a temp project, Debian chromium, the whole labelling
 * story through the UI test contract, then `samlabel export --format coco` checked against the clicks.
 * Once with a generated decoder whose candidate k is a disc of known radius around the first click
 * (so the click must land on the right image pixel, also on an EXIF-rotated image and after zoom and
 * pan), once with builtin-classic. Screenshots go to test-output/e2e/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/images.js';
import { discDecoder, meanEncoder } from '../helpers/tinyModels.js';
import { addAndPickLabel, annotationItems, bboxCentre, candidateScores, clickImage, exportCoco, openGalleryItem, pixelAt } from './flow.js';
import { attr, editorFrame, ensureRendererBuilt, isolatedEnv, launch, pagePointOf, screenshot, serve, tempRoot, waitForImage, type Served } from './harness.js';

/** discDecoder's default radii (× the longest side) and scores; the multimask trio is outputs 1..3. */
const DISC_RADII = [0.05, 0.03, 0.06, 0.1];
const DISC_SCORES = [0.5, 0.7, 0.9, 0.8];

interface Run {
  readonly root: { dir: string; cleanup: () => void };
  readonly folder: string;
  readonly env: NodeJS.ProcessEnv;
  served: Served;
  browser: Browser;
  page: Page;
}

async function startRun(name: string, model: (dir: string) => string): Promise<Run> {
  ensureRendererBuilt();
  const root = tempRoot(name);
  const folder = join(root.dir, 'photos');
  mkdirSync(folder);
  // a: landscape 640×480 with a red block; b: stored 640×480 with EXIF orientation 6, displayed 480×640.
  await writeTestImage(join(folder, 'a.jpg'), 640, 480, { red: { x: 160, y: 110, w: 120, h: 90 } });
  await writeTestImage(join(folder, 'b.jpg'), 480, 640, { orientation: 6, red: { x: 260, y: 440, w: 100, h: 120 } });
  const env = isolatedEnv(root.dir);
  const served = await serve(folder, model(root.dir), env);
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(served.url);
    await page.getByTestId('gallery-item').nth(1).waitFor({ timeout: 30_000 });
    return { root, folder, env, served, browser, page };
  } catch (error) {
    // beforeAll failed: afterAll gets no run, so nothing may be left running.
    await browser?.close();
    await served.stop();
    root.cleanup();
    throw error;
  }
}

async function endRun(run: Run | undefined): Promise<void> {
  await run?.browser.close();
  await run?.served.stop();
  run?.root.cleanup();
}

/** open → click → 3 candidates → choose 2 → exclude → accept with a label → listed → undo → redo → reload → still there. */
async function labelFirstImage(run: Run, click: { x: number; y: number }, exclude: { x: number; y: number }, shot: string): Promise<string> {
  const { page } = run;
  const imageId = await openGalleryItem(page, 'a.jpg');
  await clickImage(page, click.x, click.y);
  const first = await candidateScores(page);
  expect(first.every((c) => Number.isFinite(c.score) && c.score > 0 && Number.isFinite(c.stability))).toBe(true);
  await page.getByTestId('candidate-2').click();
  expect((await candidateScores(page)).map((c) => c.pressed)).toEqual([false, true, false]);
  await clickImage(page, exclude.x, exclude.y, 'right');
  await expect.poll(async () => (await candidateScores(page))[1].pressed).toBe(true);
  await addAndPickLabel(page, 'thing');
  await screenshot(page, `${shot}-chosen`);
  await page.getByTestId('accept').click();
  await expect.poll(() => annotationItems(page).count()).toBe(1);
  expect(await attr(annotationItems(page).first(), 'data-label')).toBe('thing');
  await page.getByTestId('undo').click();
  await expect.poll(() => annotationItems(page).count()).toBe(0);
  await page.getByTestId('redo').click();
  await expect.poll(() => annotationItems(page).count()).toBe(1);
  await page.reload();
  await openGalleryItem(page, 'a.jpg');
  await expect.poll(() => annotationItems(page).count()).toBe(1);
  await screenshot(page, `${shot}-accepted`);
  return imageId;
}

describe('labelling in the browser with the disc test model', () => {
  let run: Run | undefined;
  beforeAll(async () => {
    run = await startRun('disc', (dir) => {
      const encoder = join(dir, 'mean_encoder.onnx');
      const decoder = join(dir, 'disc_decoder.onnx');
      writeFileSync(encoder, meanEncoder());
      writeFileSync(decoder, discDecoder(DISC_RADII, DISC_SCORES));
      return `${encoder},${decoder}`;
    });
  }, 240_000);
  afterAll(() => endRun(run), 60_000);

  it('labels, undoes, redoes, survives a reload, and exports the disc at the clicked pixel', async () => {
    const { page, folder, env, root } = run!;
    const firstId = await labelFirstImage(run!, { x: 420, y: 300 }, { x: 80, y: 60 }, 'disc-a');
    // Accepting cleared the prompts: no candidates left to choose.
    expect(await page.getByTestId('candidate-1').count()).toBe(0);
    const area = Number(await attr(annotationItems(page).first(), 'data-area'));
    const radius = DISC_RADII[2] * 640;
    expect(Math.abs(area - Math.PI * radius * radius) / area).toBeLessThan(0.05);

    await page.getByTestId('next-image').click();
    await page.locator(`[data-testid="editor"]:not([data-image-id="${firstId}"])`).waitFor();
    await waitForImage(page, (await editorFrame(page)).imageId);
    const frame = await editorFrame(page);
    // b.jpg is displayed after EXIF orientation 6: portrait.
    expect([frame.width, frame.height]).toEqual([480, 640]);

    // Zoom in at a point, pan with the middle button, then click an image pixel through the new transform.
    const at = await pagePointOf(page, 240, 320);
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -300);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(at.x - 120, at.y - 90, { steps: 4 });
    await page.mouse.up({ button: 'middle' });
    const zoomed = await editorFrame(page);
    expect(zoomed.scale).toBeGreaterThan(frame.scale * 1.5);
    expect(zoomed.x).not.toBeCloseTo(frame.x, 0);
    const p = await pagePointOf(page, 300, 500);
    const before = await pixelAt(page, p.x + 8, p.y + 8);
    await clickImage(page, 300, 500);
    const after = await pixelAt(page, p.x + 8, p.y + 8);
    // The click is on the red block: before, no blue; after, the blue candidate overlay is drawn there.
    expect(before[2]).toBeLessThan(40);
    expect(after[2]).toBeGreaterThan(before[2] + 60);
    await screenshot(page, 'disc-b-zoomed');
    await page.keyboard.press('Enter');
    await expect.poll(() => annotationItems(page).count()).toBe(1);

    await run!.served.stop();
    const exported = exportCoco(folder, join(root.dir, 'coco'), env);
    const [a] = exported.get('a.jpg') ?? [];
    expect(Math.abs(bboxCentre(a).x - 420)).toBeLessThan(2);
    expect(Math.abs(bboxCentre(a).y - 300)).toBeLessThan(2);
    expect(Math.abs(a.bbox[2] - 2 * radius)).toBeLessThan(3);
    const [bAnn] = exported.get('b.jpg') ?? [];
    expect(Math.abs(bboxCentre(bAnn).x - 300)).toBeLessThan(2);
    expect(Math.abs(bboxCentre(bAnn).y - 500)).toBeLessThan(2);
  }, 300_000);
});

describe('labelling in the browser with builtin-classic', () => {
  let run: Run | undefined;
  beforeAll(async () => {
    run = await startRun('classic', () => 'builtin-classic');
  }, 240_000);
  afterAll(() => endRun(run), 60_000);

  it('labels the red block it was clicked on, and the export has it there', async () => {
    const { page, folder, env, root } = run!;
    // Include on a.jpg's red block (160..280 × 110..200), exclude on the grey background.
    await labelFirstImage(run!, { x: 220, y: 155 }, { x: 520, y: 400 }, 'classic-a');

    // The rest by keyboard: D next image, 1/2/3 and Tab choose, Backspace, Ctrl+1 label, Enter accept, ? help.
    await page.getByTestId('editor').focus();
    await page.keyboard.press('d');
    await page.locator('[data-testid="editor"][data-image-width="480"]').waitFor();
    await waitForImage(page, (await editorFrame(page)).imageId);
    await clickImage(page, 300, 500);
    await page.keyboard.press('3');
    expect((await candidateScores(page)).map((c) => c.pressed)).toEqual([false, false, true]);
    await page.keyboard.press('Tab');
    expect((await candidateScores(page)).map((c) => c.pressed)).toEqual([true, false, false]);
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('candidate-1').count()).toBe(0);
    await clickImage(page, 300, 500);
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Enter');
    await expect.poll(() => annotationItems(page).count()).toBe(1);
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    await screenshot(page, 'classic-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts').count()).toBe(0);
    await run!.served.stop();

    const exported = exportCoco(folder, join(root.dir, 'coco'), env);
    const [a] = exported.get('a.jpg') ?? [];
    const [x, y, w, h] = a.bbox;
    expect(x <= 220 && 220 <= x + w && y <= 155 && 155 <= y + h).toBe(true);
    // The block, not the whole image: the background was excluded.
    expect(a.area).toBeGreaterThan(0.5 * 120 * 90);
    expect(a.area).toBeLessThan(0.25 * 640 * 480);
    const [b] = exported.get('b.jpg') ?? [];
    expect(b.bbox[0] <= 300 && 300 <= b.bbox[0] + b.bbox[2] && b.bbox[1] <= 500 && 500 <= b.bbox[1] + b.bbox[3]).toBe(true);
  }, 300_000);
});
