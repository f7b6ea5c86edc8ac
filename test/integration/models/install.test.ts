import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../main/services/models/catalogSchema.js';
import { installCatalogModel } from '../../../main/services/models/install.js';
import { listInstalled } from '../../../main/services/models/registry.js';
import { resolveModel } from '../../../main/services/models/resolveModel.js';
import { extractZip, memberTarget } from '../../../main/services/models/zip.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { meanEncoder, discDecoder } from '../../helpers/tinyModels.js';
import { randomFile, sha256, startFileServer, type FileServer } from './fileServer.js';
import { makeZip } from './zipWriter.js';

const enc = meanEncoder();
const dec = discDecoder();
const zip = makeZip([
  { name: 'config.yaml', data: new TextEncoder().encode('type: segment_anything\n') },
  { name: 'm.encoder.onnx', data: enc },
  { name: 'm.decoder.onnx', data: dec },
]);
const slip = makeZip([
  { name: 'ok.onnx', data: enc },
  { name: '../../evil.txt', data: new TextEncoder().encode('pwned') },
]);
let server: FileServer;
let changing = randomFile(1000);

beforeAll(async () => {
  server = await startFileServer({
    '/enc.onnx': { bytes: enc },
    '/dec.onnx': { bytes: dec },
    '/model.zip': { bytes: zip },
    '/slip.zip': { bytes: slip },
    '/bad-dec.onnx': { bytes: randomFile(dec.length) },
  });
});
afterAll(() => server.close());

function entry(id: string, files: Array<Partial<CatalogEntry['files'][number]> & { role: 'encoder' | 'decoder' | 'archive'; name: string }>, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id,
    family: 'MobileSAM',
    contract: 'sam1-hwc-preprocess-in-graph',
    name: id,
    license: 'Apache-2.0',
    nonCommercial: false,
    maskCount: 4,
    revision: null,
    pinGrade: null,
    tensors: { encoder: { inputs: [], outputs: [] }, decoder: { inputs: [], outputs: [] } },
    files: files.map((f) => ({ url: `https://example.invalid/rev/${f.name}`, size: null, sha256: null, ...f })),
    ...extra,
  };
}

const mirrorEnv = () => ({ SAMLABEL_MODELS_MIRROR: server.url });
const opts = (modelsDir: string) => ({ modelsDir, env: mirrorEnv(), retries: 1, backoffMs: 5 });

describe('installing a catalog model from a loopback mirror', () => {
  it('installs a pinned encoder/decoder pair with a manifest written last', async () => {
    const dir = tempDir('models-dir');
    const e = entry('pair', [
      { role: 'encoder', name: 'enc.onnx', size: enc.length, sha256: sha256(enc) },
      { role: 'decoder', name: 'dec.onnx', size: dec.length, sha256: sha256(dec) },
    ]);
    const model = await installCatalogModel(e, opts(dir));
    expect(sha256(readFileSync(model.encoderPath))).toBe(sha256(enc));
    expect(listInstalled([dir]).map((m) => [m.manifest.id, m.manifest.files.every((f) => f.pinned)])).toEqual([['pair', true]]);
    expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual(['pair']);
  });

  it('refuses a mirror serving a wrong decoder: ModelChecksumMismatch, nothing installed', async () => {
    const dir = tempDir('models-dir');
    const e = entry('wrong', [
      { role: 'encoder', name: 'enc.onnx', size: enc.length, sha256: sha256(enc) },
      { role: 'decoder', name: 'bad-dec.onnx', size: dec.length, sha256: sha256(dec) },
    ]);
    await expect(installCatalogModel(e, opts(dir))).rejects.toMatchObject({ code: 'ModelChecksumMismatch' });
    expect(listInstalled([dir])).toEqual([]);
  });

  it('extracts a verified zip and records the members it installs', async () => {
    const dir = tempDir('models-dir');
    const e = entry('zipped', [{ role: 'archive', name: 'model.zip', size: zip.length, sha256: sha256(zip) }], { archiveMembers: { encoder: 'm.encoder.onnx', decoder: 'm.decoder.onnx' } });
    const model = await installCatalogModel(e, opts(dir));
    expect(sha256(readFileSync(model.decoderPath))).toBe(sha256(dec));
    expect(model.manifest.files.map((f) => f.sha256)).toEqual([sha256(enc), sha256(dec)]);
    expect(existsSync(join(dir, '.downloads', 'zipped'))).toBe(false);
  });

  it('refuses a zip-slip archive before writing any member', async () => {
    const dir = tempDir('models-dir');
    const e = entry('slip', [{ role: 'archive', name: 'slip.zip', size: slip.length, sha256: sha256(slip) }], { archiveMembers: { encoder: 'ok.onnx', decoder: 'ok.onnx' } });
    await expect(installCatalogModel(e, opts(dir))).rejects.toMatchObject({ code: 'ModelInvalid', message: expect.stringContaining('..') });
    expect(existsSync(join(dirname(dir), 'evil.txt'))).toBe(false);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
    expect(listInstalled([dir])).toEqual([]);
  });

  it('checks every member path: absolute, drive, backslash and dot-dot names are refused', () => {
    const root = tempDir('zip-root');
    for (const bad of ['/etc/passwd', 'C:/x', 'a\\..\\..\\x', 'a/../../x', '..', '']) expect(() => memberTarget(root, bad)).toThrow(/refused/);
    expect(memberTarget(root, 'sub/ok.onnx')).toBe(join(root, 'sub', 'ok.onnx'));
  });

  it('refuses a file that is not a zip', async () => {
    const file = join(tempDir('zip'), 'x.zip');
    writeFileSync(file, randomFile(100));
    await expect(extractZip(file, tempDir('zip-out'))).rejects.toMatchObject({ code: 'ModelInvalid' });
  });

  it('never offers a half-downloaded model: part files without a manifest are not installed', async () => {
    const dir = tempDir('models-dir');
    mkdirSync(join(dir, '.downloads', 'mobilesam-acly-multi'), { recursive: true });
    writeFileSync(join(dir, '.downloads', 'mobilesam-acly-multi', 'mobile_sam_image_encoder.onnx.part'), enc.subarray(0, 100));
    mkdirSync(join(dir, 'mobilesam-acly-multi'));
    writeFileSync(join(dir, 'mobilesam-acly-multi', 'mobile_sam_image_encoder.onnx'), enc);
    expect(listInstalled([dir])).toEqual([]);
    expect(() => resolveModel('mobilesam-acly-multi', { SAMLABEL_MODELS_DIR: dir })).toThrow(/not downloaded: run `samlabel models download mobilesam-acly-multi`/);
    expect(resolveModel(undefined, { SAMLABEL_MODELS_DIR: dir })).toMatchObject({ origin: 'default-builtin' });
  });

  it('records size and sha256 of an unpinned file at first download and refuses different bytes later', async () => {
    const dir = tempDir('models-dir');
    const folder = tempDir('mirror-folder');
    writeFileSync(join(folder, 'enc.onnx'), enc);
    writeFileSync(join(folder, 'u-dec.onnx'), changing);
    const e = entry('unpinned', [
      { role: 'encoder', name: 'enc.onnx' },
      { role: 'decoder', name: 'u-dec.onnx' },
    ]);
    const first = await installCatalogModel(e, { modelsDir: dir, env: { SAMLABEL_MODELS_MIRROR: folder }, retries: 0 });
    expect(first.manifest.files.map((f) => f.pinned)).toEqual([false, false]);
    changing = randomFile(1000);
    writeFileSync(join(folder, 'u-dec.onnx'), changing);
    await expect(installCatalogModel(e, { modelsDir: dir, env: { SAMLABEL_MODELS_MIRROR: folder }, retries: 0 })).rejects.toMatchObject({ code: 'ModelChecksumMismatch' });
    expect(listInstalled([dir]).map((m) => m.manifest.id)).toEqual(['unpinned']);
  });
});
