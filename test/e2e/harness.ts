/**
 * E2E harness: the real `samlabel serve` CLI in a child process on a temp project, and Debian's
 * chromium driven by playwright-core. The renderer bundle (out/renderer) is built when missing, so
 * `npm test` works on a fresh clone. Tests read the page only through docs/UI-TESTIDS.md's data-testids.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { meanEncoder } from '../helpers/tinyModels.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'e2e');

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Builds out/renderer (electron-vite) when it is missing or older than the renderer or shared sources. */
export function ensureRendererBuilt(): void {
  const built = join(process.cwd(), 'out', 'renderer', 'index.html');
  const fresh = () => existsSync(built) && statSync(built).mtimeMs >= Math.max(newestMtime(join(process.cwd(), 'renderer')), newestMtime(join(process.cwd(), 'shared')));
  if (fresh()) return;
  // Test files run in parallel workers: one builds, the others wait for it (mkdir is atomic).
  const lock = join(process.cwd(), 'out', '.renderer-build.lock');
  mkdirSync(join(process.cwd(), 'out'), { recursive: true });
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    try {
      mkdirSync(lock);
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      continue;
    }
    try {
      if (fresh()) return;
      const run = spawnSync('npm', ['run', 'build:app'], { encoding: 'utf8', stdio: 'pipe', timeout: 300_000 });
      if (run.status !== 0) throw new Error(`npm run build:app failed:\n${run.stdout}\n${run.stderr}`);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`another worker has held ${lock} for 5 minutes`);
}

export function tempRoot(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `samlabel-e2e-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment that keeps the CLI's config and caches inside the test's temp folder. */
export function isolatedEnv(root: string): NodeJS.ProcessEnv {
  return { ...process.env, SAMLABEL_CONFIG_DIR: join(root, 'config'), SAMLABEL_CACHE_DIR: join(root, 'cache') };
}

const BIN = join(process.cwd(), 'main', 'cli', 'bin.ts');

/** Runs the samlabel CLI to completion (tsx, like the CLI tests). */
export function samlabel(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', BIN, ...args], { encoding: 'utf8', env, timeout: 180_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

/** `samlabel serve <folder> --model …`; resolves with the URL it prints as its first stdout line. */
export function serve(folder: string, model: string, env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'serve', folder, '--model', model, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (url) => resolve({ url, stop: () => stopChild(child) }));
    child.once('exit', (code) => reject(new Error(`samlabel serve exited with ${code} before printing its URL:\n${stderr}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface OpenApp {
  readonly served: Served;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * The start every story shares: `samlabel serve` on `folder` with the mean encoder and a generated decoder
 * (written under rootDir), chromium on its URL, and the gallery showing at least two images.
 */
export async function openApp(rootDir: string, folder: string, decoder: { name: string; bytes: Uint8Array }, env = isolatedEnv(rootDir)): Promise<OpenApp> {
  const encoderPath = join(rootDir, 'mean_encoder.onnx');
  const decoderPath = join(rootDir, decoder.name);
  writeFileSync(encoderPath, meanEncoder());
  writeFileSync(decoderPath, decoder.bytes);
  const served = await serve(folder, `${encoderPath},${decoderPath}`, env);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(served.url);
  await page.getByTestId('gallery-item').nth(1).waitFor({ timeout: 30_000 });
  const close = async (): Promise<void> => {
    await browser.close();
    await served.stop();
  };
  return { served, browser, page, close };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/setup-system.sh)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface EditorFrame {
  readonly imageId: string;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

/** The editor's documented attributes: image id, displayed size and view transform. */
export async function editorFrame(page: Page): Promise<EditorFrame> {
  const editor = page.getByTestId('editor');
  const num = async (name: string) => Number(await editor.getAttribute(name));
  return {
    imageId: (await editor.getAttribute('data-image-id')) ?? '',
    width: await num('data-image-width'),
    height: await num('data-image-height'),
    scale: await num('data-view-scale'),
    x: await num('data-view-x'),
    y: await num('data-view-y'),
  };
}

/** Page coordinates of image pixel (x, y): the editor's box plus view-x + x·scale, view-y + y·scale. */
export async function pagePointOf(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('editor').boundingBox();
  if (!box) throw new Error('the editor is not on screen');
  const f = await editorFrame(page);
  return { x: box.x + f.x + x * f.scale, y: box.y + f.y + y * f.scale };
}

/** Waits until the editor shows `imageId` with its embedding ready. */
export async function waitForImage(page: Page, imageId: string): Promise<void> {
  await page.locator(`[data-testid="editor"][data-image-id="${imageId}"]`).waitFor();
  await page.locator('[data-testid="status-bar"][data-embedding="ready"]').waitFor();
}

/** Waits for the decode of the last prompt to be shown (the editor is aria-busy while it runs). */
export async function waitForDecode(page: Page): Promise<void> {
  await page.locator('[data-testid="editor"][aria-busy="false"]').waitFor();
}

export async function attr(locator: Locator, name: string): Promise<string> {
  return (await locator.getAttribute(name)) ?? '';
}
