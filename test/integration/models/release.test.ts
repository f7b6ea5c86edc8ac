import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModel } from '../../../main/services/models/resolveModel.js';
import { listInstalled } from '../../../main/services/models/registry.js';
import { fetchDefaultModel } from '../../../scripts/fetch-default-model.js';
import { tempDir } from '../../helpers/engineHarness.js';
import { discDecoder, meanEncoder } from '../../helpers/tinyModels.js';
import { randomFile, sha256, startFileServer, type FileServer } from './fileServer.js';

const enc = meanEncoder();
const dec = discDecoder();
let server: FileServer;

beforeAll(async () => {
  server = await startFileServer({ '/enc.onnx': { bytes: enc }, '/dec.onnx': { bytes: dec }, '/bad/dec.onnx': { bytes: randomFile(dec.length) }, '/bad/enc.onnx': { bytes: enc } });
});
afterAll(() => server.close());

/** A catalog folder like models/: catalog.json whose default entry is pinned to the loopback files. */
function catalogDir(): string {
  const dir = tempDir('release-catalog');
  const file = (role: string, name: string, b: Uint8Array) => ({ role, name, url: `https://example.invalid/r/${name}`, size: b.length, sha256: sha256(b) });
  const entry = {
    id: 'default-sam', family: 'MobileSAM', contract: 'sam1-hwc-preprocess-in-graph', name: 'default', license: 'Apache-2.0', nonCommercial: false,
    maskCount: 4, revision: null, pinGrade: null, files: [file('encoder', 'enc.onnx', enc), file('decoder', 'dec.onnx', dec)],
    tensors: { encoder: { inputs: [], outputs: [] }, decoder: { inputs: [], outputs: [] } },
  };
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ schemaVersion: 1, source: 't', defaultModel: 'default-sam', models: [entry] }));
  return dir;
}

describe('release: fetch-default-model against a loopback mirror', () => {
  it('bundles the verified default model next to the catalog, and the CLI/app then default to it', async () => {
    const dir = catalogDir();
    const env = { SAMLABEL_CATALOG: join(dir, 'catalog.json'), SAMLABEL_MODELS_MIRROR: server.url, SAMLABEL_MODELS_DIR: tempDir('empty-models') };
    const lines: string[] = [];
    const model = await fetchDefaultModel({ env, log: (l) => lines.push(l) });
    expect(model.dir).toBe(join(dir, 'bundled', 'default-sam'));
    expect(model.manifest.source).toBe('bundled');
    expect(resolveModel(undefined, env)).toMatchObject({ origin: 'default-installed', spec: { kind: 'onnx', id: 'default-sam', family: 'sam1-hwc-preprocess-in-graph' } });
    const again = await fetchDefaultModel({ env, log: (l) => lines.push(l) });
    expect(again.dir).toBe(model.dir);
    expect(lines.at(-1)).toMatch(/already present and verified/);
  });

  it('refuses a mirror with the wrong bytes and bundles nothing; builtin-classic stays the default', async () => {
    const dir = catalogDir();
    const env = { SAMLABEL_CATALOG: join(dir, 'catalog.json'), SAMLABEL_MODELS_MIRROR: `${server.url}/bad`, SAMLABEL_MODELS_DIR: tempDir('empty-models') };
    await expect(fetchDefaultModel({ env, log: () => undefined, retries: 0 })).rejects.toMatchObject({ code: 'ModelChecksumMismatch' });
    expect(listInstalled([join(dir, 'bundled')])).toEqual([]);
    expect(resolveModel(undefined, env)).toMatchObject({ origin: 'default-builtin', spec: { kind: 'builtin' } });
  });
});
