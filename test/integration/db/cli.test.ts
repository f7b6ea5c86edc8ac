import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program.js';
import { runChild } from '../../helpers/dbChild.js';
import { captureStderr } from '../../helpers/dbCli.js';
import { TSX_ARGS, tmpDir, writeImages } from '../../helpers/dbProject.js';

const BIN = join(import.meta.dirname, '../../../main/cli/bin.ts');

let tmp: ReturnType<typeof tmpDir>;
let folder: string;
beforeEach(() => {
  tmp = tmpDir();
  folder = join(tmp.dir, 'images');
  writeImages(folder, { 'a.png': [4, 3], 'b/c.png': [2, 2, 1] });
});
afterEach(() => tmp.cleanup());

const cli = (...args: string[]) => captureStderr(() => runCli(args));

/** A failure is exit 1 and exactly one line on stderr, naming the error code. */
async function expectFailure(args: string[], code: string, message: RegExp): Promise<void> {
  const r = await cli(...args);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(new RegExp(`^samlabel: ${code}: `));
  expect(r.stderr).toMatch(message);
}

describe('samlabel project', () => {
  it('init creates the database in the folder and scans; info reads it', async () => {
    const init = await cli('project', 'init', folder);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('2 added');
    expect(existsSync(join(folder, '.samlabel', 'project.db'))).toBe(true);
    const info = await cli('project', 'info', folder, '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ dbInFolder: true, images: { new: 2 }, problems: [], openBy: null });
    await expectFailure(['project', 'init', folder], 'BadInput', /already a samlabel project/);
  });

  it('keeps the database elsewhere with --db and remembers it', async () => {
    const db = join(tmp.dir, 'dbs', 'mine.db');
    expect((await cli('project', 'init', folder, '--db', db)).code).toBe(0);
    expect(existsSync(join(folder, '.samlabel'))).toBe(false);
    expect(JSON.parse((await cli('project', 'info', folder, '--db', db, '--json')).stdout)).toMatchObject({ dbPath: db, dbInFolder: false });
    expect(JSON.parse((await cli('project', 'info', folder, '--json')).stdout)).toMatchObject({
      dbPath: db,
      embeddingsDir: join(tmp.dir, 'dbs', 'mine-embeddings'),
    });
    expect((await cli('labels', 'add', folder, 'cat')).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['a.png', 'b']);
  });

  it('fails with one clear line on a missing folder or a folder that is no project', async () => {
    await expectFailure(['project', 'info', join(tmp.dir, 'nope')], 'ProjectNotFound', /does not exist/);
    await expectFailure(['labels', 'add', folder, 'cat'], 'ProjectNotFound', /run `samlabel project init/);
    await expectFailure(['project', 'scan', join(folder, 'a.png')], 'ProjectNotFound', /is not a folder/);
  });

  it('offers recover for a damaged database and never writes over it', async () => {
    await cli('project', 'init', folder, '--no-scan');
    await cli('labels', 'add', folder, 'dog'); // a writer's open takes the day's backup
    const db = join(folder, '.samlabel', 'project.db');
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd);
    const damaged = readFileSync(db);
    await expectFailure(['labels', 'add', folder, 'cat'], 'ProjectCorrupt', /samlabel project recover/);
    await expectFailure(['project', 'scan', folder], 'ProjectCorrupt', /samlabel project recover/);
    await expectFailure(['project', 'info', folder], 'ProjectCorrupt', /damaged/);
    expect(readFileSync(db).equals(damaged)).toBe(true);

    const plan = await cli('project', 'recover', folder);
    expect(plan.stdout).toMatch(/would restore backup .*nothing was changed/s);
    expect(readFileSync(db).equals(damaged)).toBe(true);
    const recover = await cli('project', 'recover', folder, '--yes');
    expect(recover.code, recover.stderr).toBe(0);
    expect(recover.stdout).toMatch(/copied the database as found to .*recovery/);
    expect(recover.stdout).toContain('restored backup');
    expect((await cli('labels', 'add', folder, 'cat')).code).toBe(0);
  });
});

describe('samlabel labels', () => {
  beforeEach(async () => {
    await cli('project', 'init', folder);
  });

  it('adds, renames, lists and removes', async () => {
    expect((await cli('labels', 'add', folder, 'cat', '--color', '#102030', '--key', 'c')).stdout).toBe('added label cat (#102030)\n');
    expect((await cli('labels', 'rename', folder, 'cat', 'feline')).code).toBe(0);
    expect((await cli('labels', 'add', folder, 'dog')).code).toBe(0);
    expect((await cli('labels', 'merge', folder, 'dog', 'feline')).stdout).toContain('0 annotations moved');
    expect((await cli('labels', 'list', folder)).stdout).toBe('feline\t#102030\tkey c\n');
    expect((await cli('labels', 'remove', folder, 'feline')).code).toBe(0);
    expect((await cli('labels', 'list', folder, '--json')).stdout.trim()).toBe('[]');
  });

  it('fails with one line on unknown or duplicate labels and bad options', async () => {
    await cli('labels', 'add', folder, 'cat');
    await expectFailure(['labels', 'rename', folder, 'nope', 'x'], 'LabelNotFound', /no label named "nope"/);
    await expectFailure(['labels', 'add', folder, 'CAT'], 'LabelExists', /already exists/);
    await expectFailure(['labels', 'add', folder, 'x', '--color', 'blue'], 'BadInput', /#rrggbb/);
    await expectFailure(['labels', 'remove', folder, 'cat', '--reassign', 'nope'], 'LabelNotFound', /nope/);
    const both = await cli('labels', 'remove', folder, 'cat', '--cascade', '--reassign', 'x');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('samlabel: use either --cascade or --reassign, not both\n');
  });
});

// As root every folder is writable, so the read-only case runs the CLI as 'nobody'.
const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('a read-only image folder', () => {
  it('refuses init inside it with the way out, and works with --db elsewhere', async () => {
    chmodSync(tmp.dir, 0o755);
    chmodSync(folder, 0o555);
    const writable = join(tmp.dir, 'writable');
    mkdirSync(writable, { mode: 0o777 });
    chmodSync(writable, 0o777);
    const env = { ...process.env, SAMLABEL_CONFIG_DIR: join(writable, 'config') };
    const run = (...args: string[]) => runChild([...TSX_ARGS, BIN, ...args], { ...asOther, env });

    const refused = await run('project', 'init', folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^samlabel: ProjectReadOnly: cannot write to .*\.samlabel .*--db <path>\n$/);

    const ok = await run('project', 'init', folder, '--db', join(writable, 'p.db'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('2 added');
    const info = await run('project', 'info', folder, '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ dbPath: join(writable, 'p.db'), images: { new: 2 } });
    expect(readdirSync(folder).sort()).toEqual(['a.png', 'b']);
  });
});
