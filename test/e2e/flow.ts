/**
 * The acceptance story as steps over the UI test contract (docs/UI-TESTIDS.md), shared by the runs
 * with the disc test model and with builtin-classic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { attr, pagePointOf, samlabel, waitForDecode, waitForImage } from './harness.js';

export async function openGalleryItem(page: Page, fileName: string): Promise<string> {
  const item = page.getByTestId('gallery-item').filter({ hasText: fileName });
  const imageId = await attr(item, 'data-image-id');
  await item.click();
  await waitForImage(page, imageId);
  return imageId;
}

/** Clicks image pixel (x, y) (right button = exclude) and waits for the candidates it produces. */
export async function clickImage(page: Page, x: number, y: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const p = await pagePointOf(page, x, y);
  await page.mouse.click(p.x, p.y, { button });
  await waitForDecode(page);
}

export async function candidateScores(page: Page): Promise<{ score: number; stability: number; pressed: boolean }[]> {
  const out = [];
  for (const n of [1, 2, 3]) {
    const c = page.getByTestId(`candidate-${n}`);
    out.push({ score: Number(await attr(c, 'data-score')), stability: Number(await attr(c, 'data-stability')), pressed: (await attr(c, 'aria-pressed')) === 'true' });
  }
  return out;
}

export async function addAndPickLabel(page: Page, name: string): Promise<void> {
  await page.getByTestId('label-new').fill(name);
  await page.getByTestId('label-add').click();
  const option = page.locator(`[data-testid="label-option"][data-label="${name}"]`);
  await option.click();
  await expect.poll(() => attr(option, 'aria-checked')).toBe('true');
}

export const annotationItems = (page: Page) => page.getByTestId('annotation-item');

/** RGB of the page pixel at (x, y) in a fresh screenshot. */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const i = (Math.round(y) * info.width + Math.round(x)) * info.channels;
  return [data[i], data[i + 1], data[i + 2]];
}

export interface CocoAnnotation {
  readonly image_id: number;
  readonly bbox: [number, number, number, number];
  readonly area: number;
}

/** `samlabel export --format coco` of the project; annotations by image file name. */
export function exportCoco(folder: string, out: string, env: NodeJS.ProcessEnv): Map<string, CocoAnnotation[]> {
  const run = samlabel(['export', folder, '--format', 'coco', '--out', out], env);
  if (run.status !== 0) throw new Error(`export failed: ${run.stderr}`);
  const file = readdirSync(out).find((f) => f.startsWith('instances_') && f.endsWith('.json'));
  if (!file) throw new Error(`no instances_*.json in ${out}`);
  const coco = JSON.parse(readFileSync(join(out, file), 'utf8')) as { images: { id: number; file_name: string }[]; annotations: CocoAnnotation[] };
  const byImage = new Map<string, CocoAnnotation[]>();
  for (const image of coco.images) {
    const name = image.file_name.split('/').at(-1) ?? image.file_name;
    byImage.set(name, coco.annotations.filter((a) => a.image_id === image.id));
  }
  return byImage;
}

export const bboxCentre = (a: CocoAnnotation) => ({ x: a.bbox[0] + a.bbox[2] / 2, y: a.bbox[1] + a.bbox[3] / 2 });
