/**
 * E2E (issue 8): label management and the export dialog in chromium against `samlabel serve`. An
 * annotation is accepted with label "thing"; the label is renamed, recoloured and given a hotkey from
 * its edit form; removing it is refused by the store (LabelInUse, shown with the choice) while an unused
 * label goes at once; then COCO is exported from the dialog, and the file written where the dialog says
 * has the renamed category on the annotation; finally the label is removed by moving its annotation
 * to another label. Screenshots: test-output/e2e/export-*.png.
 */
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/images.js';
import { discDecoder } from '../helpers/tinyModels.js';
import { addAndPickLabel, annotationItems, clickImage, openGalleryItem } from './flow.js';
import { attr, ensureRendererBuilt, openApp, screenshot, tempRoot, type OpenApp } from './harness.js';

let root: { dir: string; cleanup: () => void };
let folder: string;
let app: OpenApp | undefined;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  root = tempRoot('export-labels');
  folder = join(root.dir, 'photos');
  mkdirSync(folder);
  await writeTestImage(join(folder, 'a.jpg'), 640, 480, { red: { x: 160, y: 110, w: 120, h: 90 } });
  await writeTestImage(join(folder, 'b.jpg'), 320, 240);
  app = await openApp(root.dir, folder, { name: 'disc_decoder.onnx', bytes: discDecoder() });
  page = app.page;
}, 240_000);

afterAll(async () => {
  await app?.close();
  root?.cleanup();
});

const option = (name: string) => page.locator(`[data-testid="label-option"][data-label="${name}"]`);
const editButton = (name: string) => page.locator(`[data-testid="label-edit"][data-label="${name}"]`);

interface Coco {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; category_id: number; bbox: number[] }[];
  categories: { id: number; name: string }[];
}

describe('label management and the export dialog', () => {
  it('renames, recolours and sets the hotkey of a label in use; removal asks what to do with its annotations', async () => {
    await openGalleryItem(page, 'a.jpg');
    await addAndPickLabel(page, 'thing');
    await clickImage(page, 220, 155);
    await page.getByTestId('accept').click();
    await expect.poll(() => annotationItems(page).count()).toBe(1);
    await addAndPickLabel(page, 'spare');

    await editButton('thing').click();
    await page.getByTestId('label-rename').fill('widget');
    await page.getByTestId('label-color').fill('#00aa55');
    await page.getByTestId('label-hotkey').fill('7');
    await screenshot(page, 'export-label-editing');
    await page.getByTestId('label-save').click();
    await option('widget').waitFor();
    expect(await option('thing').count()).toBe(0);
    await expect.poll(() => attr(annotationItems(page).first(), 'data-label')).toBe('widget');
    expect(await option('widget').textContent()).toContain('Ctrl+7');

    // The colour and hotkey come back from the store when the form is opened again.
    await editButton('widget').click();
    expect(await page.getByTestId('label-color').inputValue()).toBe('#00aa55');
    expect(await page.getByTestId('label-hotkey').inputValue()).toBe('7');
    await page.getByTestId('label-remove').click();
    const inUse = page.getByTestId('label-in-use');
    await inUse.waitFor();
    expect(await inUse.textContent()).toContain('used by 1 annotation');
    expect(await attr(inUse, 'title')).toContain('label "widget" is used by 1 annotation');
    expect(await page.getByTestId('label-reassign').locator('option').allTextContents()).toContain('spare');
    await screenshot(page, 'export-label-in-use');
    await page.getByTestId('label-cancel').click();
    expect(await option('widget').count()).toBe(1);

    await editButton('spare').click();
    await page.getByTestId('label-remove').click();
    await option('spare').waitFor({ state: 'detached' });
    expect(await page.getByTestId('label-editor').count()).toBe(0);
  }, 120_000);

  it('a hotkey taken by another label is refused with a toast', async () => {
    await addAndPickLabel(page, 'other');
    await editButton('other').click();
    await page.getByTestId('label-hotkey').fill('7');
    await page.getByTestId('label-save').click();
    const toast = page.locator('[data-testid="toast"][data-code="BadInput"]');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('already used');
    await page.getByTestId('label-cancel').click();
  }, 60_000);

  it('exports COCO from the dialog; the file it names has the renamed label', async () => {
    // Esc closes the dialog (focus starts in it) without touching the editor.
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-format').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-format').selectOption('coco');
    await screenshot(page, 'export-dialog');
    await page.getByTestId('export-start').click();
    const result = page.getByTestId('export-result');
    await result.waitFor({ timeout: 120_000 });
    await screenshot(page, 'export-result');
    const outDir = await attr(result, 'data-out-dir');
    expect(relative(join(folder, 'exports'), outDir).startsWith('coco-')).toBe(true);
    expect(Number(await attr(result, 'data-images'))).toBe(2);
    expect(Number(await attr(result, 'data-annotations'))).toBe(1);

    const file = readdirSync(outDir).find((f) => f.startsWith('instances_') && f.endsWith('.json'));
    expect(file).toBeDefined();
    const coco = JSON.parse(readFileSync(join(outDir, file ?? ''), 'utf8')) as Coco;
    expect(coco.annotations).toHaveLength(1);
    const category = coco.categories.find((c) => c.id === coco.annotations[0].category_id);
    expect(category?.name).toBe('widget');
    expect(coco.categories.map((c) => c.name)).not.toContain('thing');
    const [x, y, w, h] = coco.annotations[0].bbox;
    expect(Math.abs(x + w / 2 - 220)).toBeLessThan(3);
    expect(Math.abs(y + h / 2 - 155)).toBeLessThan(3);

    await page.getByTestId('export-close').click();
    expect(await page.getByTestId('export-result').count()).toBe(0);
  }, 180_000);

  it('removing a label in use by moving its annotations to another label', async () => {
    await editButton('widget').click();
    await page.getByTestId('label-remove').click();
    await page.getByTestId('label-in-use').waitFor();
    await page.getByTestId('label-reassign').selectOption({ label: 'other' });
    await page.getByTestId('label-remove-reassign').click();
    await option('widget').waitFor({ state: 'detached' });
    await expect.poll(() => attr(annotationItems(page).first(), 'data-label')).toBe('other');
    expect(await annotationItems(page).count()).toBe(1);
    await screenshot(page, 'export-label-reassigned');
  }, 60_000);
});
