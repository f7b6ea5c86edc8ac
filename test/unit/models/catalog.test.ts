import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILY_IDS } from '../../../main/inference/families/index.js';
import { catalogPath, loadCatalog, parseCatalog } from '../../../main/services/models/catalog.js';
import { listModels } from '../../../main/services/models/listModels.js';

const text = readFileSync(join(process.cwd(), 'models', 'catalog.json'), 'utf8');

describe('models/catalog.json', () => {
  it('parses against the schema and is the file the service finds', () => {
    const catalog = parseCatalog(text, 'catalog.json');
    expect(catalog.models.length).toBe(42);
    expect(catalogPath({})).toBe(join(process.cwd(), 'models', 'catalog.json'));
    expect(loadCatalog({}).models.map((m) => m.id)).toEqual(catalog.models.map((m) => m.id));
  });

  it('has an adapter for every family contract in it', () => {
    const contracts = new Set(parseCatalog(text, 'c').models.map((m) => m.contract));
    expect(contracts.size).toBeGreaterThanOrEqual(7);
    for (const c of contracts) expect(FAMILY_IDS).toContain(c);
  });

  it('pins every URL to a commit or a release tag, never a moving branch', () => {
    for (const m of parseCatalog(text, 'c').models) {
      for (const f of m.files) {
        expect(f.url).toMatch(/\/resolve\/[0-9a-f]{40}\/|\/releases\/download\/[^/]+\//);
        expect(f.url.endsWith(`/${f.name}`)).toBe(true);
      }
    }
  });

  it('flags the non-commercial EdgeSAM licences and defaults to the Apache-2.0 MobileSAM weights, fully pinned', () => {
    const catalog = parseCatalog(text, 'c');
    expect(catalog.models.filter((m) => m.nonCommercial).map((m) => m.family)).toEqual(['EdgeSAM', 'EdgeSAM', 'EdgeSAM']);
    const def = catalog.models.find((m) => m.id === catalog.defaultModel);
    expect(def?.family).toBe('MobileSAM');
    expect(def?.license).toContain('Apache-2.0');
    expect(def?.files.every((f) => f.sha256 !== null && f.size !== null)).toBe(true);
  });

  it('lists unpinned entries as unverified and pinned ones as pinned', () => {
    const rows = listModels(parseCatalog(text, 'c'), []);
    expect(rows.find((r) => r.id === 'edgesam-xanylabeling')?.verified).toBe('unverified');
    expect(rows.find((r) => r.id === 'mobilesam-acly-multi')).toMatchObject({ verified: 'pinned', status: 'available', bytes: 28157093 + 16496559 });
  });

  it('refuses a catalog with a duplicate id, a bad sha256 or an http:// URL', () => {
    const raw = JSON.parse(text) as { models: Array<Record<string, unknown> & { files: Array<Record<string, unknown>> }> };
    const dup = { ...raw, models: [...raw.models, raw.models[0]] };
    expect(() => parseCatalog(JSON.stringify(dup), 'c')).toThrow(/duplicate model id/);
    const badSha = structuredClone(raw);
    badSha.models[0].files[0].sha256 = 'abc';
    expect(() => parseCatalog(JSON.stringify(badSha), 'c')).toThrow(/ModelInvalid|sha256|Invalid/);
    const http = structuredClone(raw);
    http.models[0].files[0].url = String(http.models[0].files[0].url).replace('https://', 'http://');
    expect(() => parseCatalog(JSON.stringify(http), 'c')).toThrow();
    expect(() => parseCatalog('{', 'c')).toThrow(/not JSON/);
  });
});
