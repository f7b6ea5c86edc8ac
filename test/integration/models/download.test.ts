import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadProgress } from '../../../main/services/models/download.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { randomFile, sha256, startFileServer, type FileServer } from './fileServer.js';

const SIZE = 3 * 1024 * 1024 + 123;
const bytes = randomFile(SIZE);
const wrong = randomFile(SIZE);
const pinned = { size: SIZE, sha256: sha256(bytes) };
const fast = { retries: 3, backoffMs: 10, env: {} };
let server: FileServer;

beforeAll(async () => {
  server = await startFileServer({
    '/file.onnx': { bytes },
    '/cut.onnx': { bytes, cutAt: Math.floor(SIZE / 2) },
    '/norange.onnx': { bytes, cutAt: Math.floor(SIZE / 2), noRange: true },
    '/moved.onnx': { bytes, redirectTo: '/file.onnx' },
    '/slow.onnx': { bytes: bytes.subarray(0, 256 * 1024), drip: { chunk: 16 * 1024, delayMs: 15 } },
    '/stall.onnx': { bytes, stallAt: 1024 * 1024 },
    '/wrong.onnx': { bytes: wrong },
  });
});
afterAll(() => server.close());

const dest = (name: string) => join(tempDir('download'), name);

describe('downloadFile against a loopback server', () => {
  it('downloads, verifies size and sha256, and renames the part file into place', async () => {
    const to = dest('a.onnx');
    const got = await downloadFile({ source: `${server.url}/file.onnx`, dest: to, expected: pinned, ...fast });
    expect(got).toEqual(pinned);
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
    expect(existsSync(`${to}.part`)).toBe(false);
  });

  it('resumes a connection cut at 50% with a Range request and verifies the whole file', async () => {
    const to = dest('cut.onnx');
    await downloadFile({ source: `${server.url}/cut.onnx`, dest: to, expected: pinned, ...fast });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
    const ranges = server.requests.filter((r) => r.path === '/cut.onnx').map((r) => r.range);
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(ranges[1] ?? '')?.[0])).toBeGreaterThan(0);
  });

  it('resumes a part file left by an earlier run', async () => {
    const to = dest('earlier.onnx');
    writeFileSync(`${to}.part`, bytes.subarray(0, 1000));
    await downloadFile({ source: `${server.url}/file.onnx`, dest: to, expected: pinned, ...fast });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
    expect(server.requests.some((r) => r.path === '/file.onnx' && r.range === 'bytes=1000-')).toBe(true);
  });

  it('starts again from 0 when the server ignores Range', async () => {
    const to = dest('norange.onnx');
    await downloadFile({ source: `${server.url}/norange.onnx`, dest: to, expected: pinned, ...fast });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
  });

  it('follows a redirect', async () => {
    const to = dest('moved.onnx');
    await downloadFile({ source: `${server.url}/moved.onnx`, dest: to, expected: pinned, ...fast });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
  });

  it('reports progress (bytes, total, rate, ETA) from a slow server and completes', async () => {
    const small = bytes.subarray(0, 256 * 1024);
    const events: DownloadProgress[] = [];
    const to = dest('slow.onnx');
    await downloadFile({ source: `${server.url}/slow.onnx`, dest: to, expected: { size: small.length, sha256: sha256(small) }, onProgress: (p) => events.push(p), ...fast });
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.total === small.length && e.rate > 0 && e.etaSeconds !== null)).toBe(true);
    expect(events.map((e) => e.bytes)).toEqual([...events.map((e) => e.bytes)].sort((a, b) => a - b));
  });

  it('drops a stalled connection and resumes', async () => {
    const to = dest('stall.onnx');
    await downloadFile({ source: `${server.url}/stall.onnx`, dest: to, expected: pinned, ...fast, stallTimeoutMs: 300 });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
  });

  it('refuses wrong bytes with ModelChecksumMismatch (expected/actual) and deletes the part file', async () => {
    const to = dest('wrong.onnx');
    const run = downloadFile({ source: `${server.url}/wrong.onnx`, dest: to, expected: pinned, ...fast });
    await expect(run).rejects.toMatchObject({ code: 'ModelChecksumMismatch', expected: pinned, actual: { size: SIZE, sha256: sha256(wrong) } });
    expect(existsSync(to)).toBe(false);
    expect(existsSync(`${to}.part`)).toBe(false);
  });

  it('refuses a file longer than the pinned size without reading it all', async () => {
    const to = dest('long.onnx');
    const run = downloadFile({ source: `${server.url}/file.onnx`, dest: to, expected: { size: 1000, sha256: null }, ...fast });
    await expect(run).rejects.toMatchObject({ code: 'ModelChecksumMismatch' });
    expect(existsSync(to)).toBe(false);
  });

  it('fails a 404 at once with one clear message, without retrying', async () => {
    const to = dest('missing.onnx');
    const before = server.requests.length;
    await expect(downloadFile({ source: `${server.url}/nope.onnx`, dest: to, expected: pinned, ...fast })).rejects.toMatchObject({ code: 'ModelMissing', message: expect.stringContaining('HTTP 404') });
    expect(server.requests.length - before).toBe(1);
    expect(existsSync(to)).toBe(false);
  });

  it('records what arrived when nothing was pinned', async () => {
    const got = await downloadFile({ source: `${server.url}/file.onnx`, dest: dest('unpinned.onnx'), expected: { size: null, sha256: null }, ...fast });
    expect(got).toEqual(pinned);
  });

  it('copies from a mirror folder with the same checks', async () => {
    const folder = tempDir('mirror');
    writeFileSync(join(folder, 'm.onnx'), bytes);
    const to = dest('m.onnx');
    await downloadFile({ source: join(folder, 'm.onnx'), dest: to, expected: pinned, ...fast });
    expect(sha256(readFileSync(to))).toBe(pinned.sha256);
    writeFileSync(join(folder, 'bad.onnx'), wrong);
    await expect(downloadFile({ source: join(folder, 'bad.onnx'), dest: dest('bad.onnx'), expected: pinned, ...fast })).rejects.toMatchObject({ code: 'ModelChecksumMismatch' });
  });
});
