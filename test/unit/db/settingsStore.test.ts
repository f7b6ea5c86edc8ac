import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFileSettingsStore } from '../../../main/services/settings/jsonFileSettingsStore.js';
import { tmpDir } from '../../helpers/dbProject.js';

interface Prefs {
  theme: 'light' | 'dark';
  recent: string[];
  zoom: number;
}
const schema = z.object({ theme: z.enum(['light', 'dark']), recent: z.array(z.string()), zoom: z.number() }).partial();

let tmp: ReturnType<typeof tmpDir>;
let path: string;
beforeEach(() => {
  tmp = tmpDir();
  path = join(tmp.dir, 'cfg', 'settings.json');
});
afterEach(() => tmp.cleanup());

describe('JsonFileSettingsStore', () => {
  it('gets, sets and deletes typed keys, persisted for the next instance', () => {
    const a = new JsonFileSettingsStore<Prefs>(path, schema);
    expect(a.get('theme')).toBeUndefined();
    a.set('theme', 'dark');
    a.set('recent', ['/x', '/y']);
    a.set('zoom', 1.5);
    a.delete('zoom');
    const b = new JsonFileSettingsStore<Prefs>(path, schema);
    expect([b.get('theme'), b.get('recent'), b.get('zoom')]).toEqual(['dark', ['/x', '/y'], undefined]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ theme: 'dark', recent: ['/x', '/y'] });
  });

  it('writes by rename, leaving no temp file behind', () => {
    const s = new JsonFileSettingsStore<Prefs>(path, schema);
    for (let i = 0; i < 20; i++) s.set('zoom', i);
    expect(readdirSync(join(tmp.dir, 'cfg'))).toEqual(['settings.json']);
  });

  it('refuses a value the schema rejects, keeping the file as it was', () => {
    const s = new JsonFileSettingsStore<Prefs>(path, schema);
    s.set('theme', 'light');
    expect(() => s.set('theme', 'purple' as 'light')).toThrow();
    expect(s.get('theme')).toBe('light');
  });

  it('sets aside a damaged file and starts empty instead of failing every start', () => {
    const s = new JsonFileSettingsStore<Prefs>(path, schema);
    s.set('theme', 'dark');
    writeFileSync(path, '{"theme": "dark", trailing garbage');
    expect(s.get('theme')).toBeUndefined();
    const files = readdirSync(join(tmp.dir, 'cfg'));
    expect(files.some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    s.set('theme', 'light');
    expect(s.get('theme')).toBe('light');
  });
});
