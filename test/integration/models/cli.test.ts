import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneLine, runSamlabel, type CliRun } from '../../helpers/cli.js';
import { FIXTURES, tempDir } from '../../helpers/engineHarness.js';
import { writeTestImage } from '../../helpers/images.js';
import { discDecoder, meanEncoder } from '../../helpers/tinyModels.js';
import { familyPairs } from './familyGraphs.js';
import { sha256, startFileServer, type FileServer } from './fileServer.js';

const ENC = join(FIXTURES, 'mobile_sam_like_encoder.onnx');
const DEC = join(FIXTURES, 'sam_decoder_multi.onnx');
const modelsDir = tempDir('cli-models');
const env = { SAMLABEL_MODELS_DIR: modelsDir, SAMLABEL_CACHE_DIR: tempDir('cli-models-cache') };
let image: string;

/** The CLI in a child without blocking this process, so the loopback server here can answer it. */
function runAsync(args: string[], extra: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'main', 'cli', 'bin.ts'), ...args], { env: { ...process.env, ...extra } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** result.json without what legitimately differs between two runs (paths, timings, the model's name, cache state). */
function comparable(out: string): unknown {
  const r = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { masks: Array<Record<string, unknown>> };
  return r.masks.map((m) => ({ index: m.index, score: m.score, area: m.area, bbox: m.bbox, rle: m.rle }));
}

beforeAll(async () => {
  image = join(tempDir('cli-models-img'), 'a.png');
  await writeTestImage(image, 300, 200);
});

describe('samlabel models', () => {
  it('imports the random-weight SAM graphs; --model <id> segments exactly like --model enc,dec', () => {
    const imported = runSamlabel(['models', 'import', ENC, DEC, '--name', 'rand-sam', '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ id: 'rand-sam', family: 'sam1-hwc-preprocess-in-graph' });
    const byId = tempDir('seg-id');
    const byPair = tempDir('seg-pair');
    const a = runSamlabel(['segment', image, '--point', '150,100', '--model', 'rand-sam', '--out', byId, '--json'], env);
    const b = runSamlabel(['segment', image, '--point', '150,100', '--model', `${ENC},${DEC}`, '--out', byPair, '--json'], env);
    expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
    expect(JSON.parse(a.stdout)).toMatchObject({ model: 'rand-sam', provider: 'cpu' });
    expect(comparable(byId)).toEqual(comparable(byPair));
    expect((comparable(byId) as unknown[]).length).toBe(3);
  }, 120_000);

  it('imports a generated SAM 2 pair (family detected); --model <id> matches --model enc,dec', () => {
    const pair = familyPairs().find((p) => p.family === 'sam2-samexporter');
    const folder = tempDir('sam2-pair');
    const [enc, dec] = [join(folder, 'sam2.encoder.onnx'), join(folder, 'sam2.decoder.onnx')];
    writeFileSync(enc, pair?.encoder ?? new Uint8Array());
    writeFileSync(dec, pair?.decoder ?? new Uint8Array());
    const e = { ...env, SAMLABEL_MODELS_DIR: tempDir('sam2-models') };
    const imported = runSamlabel(['models', 'import', enc, dec, '--json'], e);
    expect(JSON.parse(imported.stdout)).toMatchObject({ id: 'imported-sam2.encoder', family: 'sam2-samexporter' });
    const [byId, byPair] = [tempDir('s2-id'), tempDir('s2-pair')];
    const a = runSamlabel(['segment', image, '--point', '120,80', '--model', 'imported-sam2.encoder', '--out', byId], e);
    const b = runSamlabel(['segment', image, '--point', '120,80', '--model', `${enc},${dec}`, '--out', byPair], e);
    expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
    expect(comparable(byId)).toEqual(comparable(byPair));
    expect((comparable(byId) as Array<{ area: number }>).every((m) => m.area > 0)).toBe(true);
  }, 120_000);

  it('lists the imported model as installed with recorded hashes', () => {
    const run = runSamlabel(['models', 'list', '--json', '--installed'], env);
    const rows = (JSON.parse(run.stdout) as { models: Array<Record<string, unknown>> }).models;
    expect(rows.map((r) => [r.id, r.status, r.source, r.verified])).toEqual([['rand-sam', 'installed', 'import', 'recorded']]);
  });

  it('refuses a swapped pair, two encoders and an unknown family in one line', () => {
    const swapped = runSamlabel(['models', 'import', DEC, ENC], env);
    expect(swapped.status).toBe(1);
    expect(oneLine(swapped.stderr)).toMatch(/ModelInvalid: .*swapped/);
    const encoders = runSamlabel(['models', 'import', ENC, ENC], env);
    expect(oneLine(encoders.stderr)).toMatch(/both files are encoders/);
    const family = runSamlabel(['models', 'import', ENC, DEC, '--family', 'sam2-samexporter', '--name', 'x'], env);
    expect(oneLine(family.stderr)).toMatch(/not a sam2-samexporter pair/);
  });

  it('verifies, refuses a changed or truncated file before loading it, and removes', () => {
    const dir = tempDir('cli-models-verify');
    const e = { ...env, SAMLABEL_MODELS_DIR: dir };
    const folder = tempDir('pair');
    writeFileSync(join(folder, 'enc.onnx'), meanEncoder());
    writeFileSync(join(folder, 'dec.onnx'), discDecoder());
    expect(runSamlabel(['models', 'import', join(folder, 'enc.onnx'), join(folder, 'dec.onnx'), '--name', 'tiny'], e).status).toBe(0);
    expect(runSamlabel(['models', 'verify', 'tiny'], e).stdout).toBe('tiny: ok\n');
    appendFileSync(join(dir, 'tiny', 'decoder-dec.onnx'), 'x');
    const verify = runSamlabel(['models', 'verify'], e);
    expect(verify.status).toBe(1);
    expect(oneLine(verify.stderr)).toMatch(/ModelChecksumMismatch/);
    const seg = runSamlabel(['segment', image, '--point', '1,1', '--model', 'tiny', '--out', tempDir('o')], e);
    expect(seg.status).toBe(1);
    expect(oneLine(seg.stderr)).toMatch(/ModelChecksumMismatch: model tiny: decoder-dec.onnx is \d+ bytes, expected/);
    expect(runSamlabel(['models', 'remove', 'tiny'], e).status).toBe(0);
    const gone = runSamlabel(['segment', image, '--point', '1,1', '--model', 'tiny', '--out', tempDir('o')], e);
    expect(oneLine(gone.stderr)).toMatch(/ModelMissing: no model "tiny"/);
  });

  it('doctor reports onnxruntime, each provider and what auto picks', () => {
    const run = runSamlabel(['models', 'doctor', '--json'], env);
    const report = JSON.parse(run.stdout) as { providers: Array<{ name: string; loads: boolean }>; auto: { chosen: string; why: string } };
    expect(report.providers.find((p) => p.name === 'cpu')?.loads).toBe(true);
    expect(report.auto.why.length).toBeGreaterThan(0);
    expect(report.providers.map((p) => p.name)).toContain(report.auto.chosen);
  });
});

describe('samlabel models download from a loopback mirror', () => {
  let server: FileServer;
  const enc = meanEncoder();
  const dec = discDecoder();
  beforeAll(async () => {
    server = await startFileServer({ '/e.onnx': { bytes: enc }, '/d.onnx': { bytes: dec } });
  });
  afterAll(() => server.close());

  function catalog(pinned: boolean): string {
    const file = (role: string, name: string, b: Uint8Array) => ({ role, name, url: `https://example.invalid/r/${name}`, size: pinned ? b.length : null, sha256: pinned ? sha256(b) : null });
    const entry = (id: string, nonCommercial: boolean) => ({
      id, family: 'MobileSAM', contract: 'sam1-hwc-preprocess-in-graph', name: `test ${id}`, license: nonCommercial ? 'S-Lab License 1.0 (non-commercial)' : 'Apache-2.0',
      nonCommercial, maskCount: 4, revision: null, pinGrade: null,
      files: [file('encoder', 'e.onnx', enc), file('decoder', 'd.onnx', dec)],
      tensors: { encoder: { inputs: [], outputs: [] }, decoder: { inputs: [], outputs: [] } },
    });
    const path = join(tempDir('catalog'), 'catalog.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, source: 'test', defaultModel: 'tiny-default', models: [entry('tiny-default', false), entry('tiny-nc', true)] }));
    return path;
  }

  it('says the licence and pin status first, installs verified, and becomes the default model', async () => {
    const e = { ...env, SAMLABEL_MODELS_DIR: tempDir('dl-models'), SAMLABEL_CATALOG: catalog(true), SAMLABEL_MODELS_MIRROR: server.url };
    const nc = await runAsync(['models', 'download', 'tiny-nc'], e);
    expect(nc.status, nc.stderr).toBe(0);
    expect(nc.stderr).toMatch(/licence: S-Lab[\s\S]*NON-COMMERCIAL/);
    expect(nc.stdout).toMatch(/installed tiny-nc .*sha256 verified/);
    const noDefault = runSamlabel(['segment', image, '--point', '150,100', '--out', tempDir('o'), '--json'], e);
    expect(JSON.parse(noDefault.stdout)).toMatchObject({ model: 'builtin-classic' });
    expect((await runAsync(['models', 'download', 'tiny-default'], e)).status).toBe(0);
    const seg = runSamlabel(['segment', image, '--point', '150,100', '--out', tempDir('o'), '--json'], e);
    expect(seg.status, seg.stderr).toBe(0);
    expect(JSON.parse(seg.stdout)).toMatchObject({ model: 'tiny-default' });
    expect(seg.stderr).toMatch(/using model tiny-default \(installed default/);
  }, 120_000);

  it('warns that an unpinned entry is unverified before downloading, and records its hash', async () => {
    const dir = tempDir('dl-models');
    const e = { ...env, SAMLABEL_MODELS_DIR: dir, SAMLABEL_CATALOG: catalog(false), SAMLABEL_MODELS_MIRROR: server.url };
    const run = await runAsync(['models', 'download', 'tiny-default', '--json'], e);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/unverified: no pinned sha256 for e.onnx, d.onnx/);
    const recorded = JSON.parse(readFileSync(join(dir, 'recorded-hashes.json'), 'utf8')) as Record<string, { sha256: string }>;
    expect(recorded['https://example.invalid/r/d.onnx'].sha256).toBe(sha256(dec));
  }, 60_000);

  it('refuses a mirror serving the wrong file', async () => {
    const folder = tempDir('bad-mirror');
    copyFileSync(join(FIXTURES, 'sam_decoder_single.onnx'), join(folder, 'd.onnx'));
    writeFileSync(join(folder, 'e.onnx'), enc);
    const e = { ...env, SAMLABEL_MODELS_DIR: tempDir('dl-models'), SAMLABEL_CATALOG: catalog(true), SAMLABEL_MODELS_MIRROR: folder };
    const run = await runAsync(['models', 'download', 'tiny-default'], e);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/ModelChecksumMismatch: d.onnx: expected [0-9a-f]{64}/);
    const list = runSamlabel(['models', 'list', '--json', '--installed'], e);
    expect((JSON.parse(list.stdout) as { models: unknown[] }).models).toEqual([]);
  }, 60_000);
});
