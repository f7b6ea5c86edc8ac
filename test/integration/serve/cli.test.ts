/** `samlabel serve` as a user runs it: the URL is the first stdout line; a missing bundle is one clear error. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { oneLine, runSamlabel } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';

function setup(): { folder: string; env: NodeJS.ProcessEnv } {
  const root = tempDir('serve-cli');
  const folder = join(root, 'photos');
  mkdirSync(folder);
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>samlabel</title>');
  const env = { SAMLABEL_RENDERER_DIR: renderer, SAMLABEL_CONFIG_DIR: join(root, 'config'), SAMLABEL_CACHE_DIR: join(root, 'cache') };
  return { folder, env };
}

/** Starts serve, resolves with its first stdout line and stderr so far, then stops it with SIGTERM. */
async function firstLine(args: string[], env: NodeJS.ProcessEnv): Promise<{ line: string; stderr: string; code: number | null }> {
  const bin = join(process.cwd(), 'main', 'cli', 'bin.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error(`serve exited before printing a URL: ${stderr}`)));
  });
  const page = await fetch(line, { redirect: 'manual' });
  expect(page.status).toBe(302);
  child.kill('SIGTERM');
  return { line, stderr, code: await exited };
}

describe('samlabel serve (CLI)', () => {
  it('prints the tokenised loopback URL as its first stdout line and stops cleanly on SIGTERM', async () => {
    const { folder, env } = setup();
    await writeTestImage(join(folder, 'a.jpg'), 32, 24);
    const { line, stderr, code } = await firstLine(['serve', folder, '--port', '0'], env);
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
    expect(stderr).not.toMatch(/warning/);
    expect(code).toBe(0);
  }, 60_000);

  it('warns on stderr when told to listen beyond loopback', async () => {
    const { folder, env } = setup();
    const { line, stderr } = await firstLine(['serve', folder, '--host', '0.0.0.0'], env);
    expect(line).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=/);
    expect(stderr).toMatch(/warning: serving on 0\.0\.0\.0/);
  }, 60_000);

  it('says to build the bundle when out/renderer is missing, before starting a model', () => {
    const { folder, env } = setup();
    const run = runSamlabel(['serve', folder], { ...env, SAMLABEL_RENDERER_DIR: join(folder, 'nowhere') });
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toMatch(/npm run build:app/);
    expect(run.stdout).toBe('');
  });

  it('refuses a bad --port as a usage error', () => {
    const { folder, env } = setup();
    const run = runSamlabel(['serve', folder, '--port', 'http'], env);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/--port/);
  });
});
