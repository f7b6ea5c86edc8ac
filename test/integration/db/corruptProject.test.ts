import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program.js';
import { captureStderr } from '../../helpers/dbCli.js';
import { tmpDir, writeImages } from '../../helpers/dbProject.js';

/**
 * A project database that is empty (truncated to 0 bytes) or not SQLite at all is ProjectCorrupt for
 * every command: nothing may quietly build a fresh empty project over it (issue 11).
 */
let tmp: ReturnType<typeof tmpDir>;
let folder: string;
let db: string;
beforeEach(async () => {
  tmp = tmpDir();
  folder = join(tmp.dir, 'images');
  db = join(folder, '.samlabel', 'project.db');
  writeImages(folder, { 'a.png': [4, 3], 'b.png': [2, 2, 1] });
  await cli('project', 'init', folder);
  // A writer's open takes the day's backup (before its own edit: the backup has no labels yet).
  await cli('labels', 'add', folder, 'dog');
  writeFileSync(join(tmp.dir, 'coco.json'), JSON.stringify({ images: [], annotations: [], categories: [] }));
});
afterEach(() => tmp.cleanup());

const cli = (...args: string[]) => captureStderr(() => runCli(args));

const DAMAGE: Record<string, Buffer> = {
  'truncated to 0 bytes': Buffer.alloc(0),
  'garbage bytes': Buffer.from('this is not an SQLite database, just some text '.repeat(200)),
};

describe.each(Object.entries(DAMAGE))('a project database %s', (_name, bytes) => {
  beforeEach(() => writeFileSync(db, bytes));

  const commands = (): string[][] => [
    ['project', 'info', folder],
    ['project', 'scan', folder],
    ['labels', 'list', folder],
    ['labels', 'add', folder, 'cat'],
    ['import', folder, join(tmp.dir, 'coco.json'), '--format', 'coco'],
    ['export', folder, '--format', 'coco', '--out', join(tmp.dir, 'out')],
  ];

  it('is ProjectCorrupt for every command, and the file is left as it was', async () => {
    for (const args of commands()) {
      const r = await cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/^samlabel: ProjectCorrupt: .*samlabel project recover/);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readFileSync(db).equals(bytes), args.join(' ')).toBe(true);
    }
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });

  it('project recover names the backup and its annotation count, and restores it only with --yes', async () => {
    const plan = await cli('project', 'recover', folder);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/would restore backup .*project-v\d+-\d{8}T\d+Z\.db/);
    expect(plan.stdout).toMatch(/\(2 images, 0 labels, 0 annotations\)/);
    expect(plan.stdout).toContain('--yes');
    expect(readFileSync(db).equals(bytes)).toBe(true);

    const done = await cli('project', 'recover', folder, '--yes');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/restored backup .*project-v\d+-/);
    const info = await cli('project', 'info', folder, '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ images: { new: 2 }, labels: 0, problems: [] });
  });
});

describe('project recover on an empty database with no backup', () => {
  it('says so and replaces nothing', async () => {
    writeFileSync(db, '');
    rmSync(join(folder, '.samlabel', 'backups'), { recursive: true, force: true });
    const r = await cli('project', 'recover', folder, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^samlabel: ProjectCorrupt: .*no usable backup/);
    expect(readFileSync(db).length).toBe(0);
  });
});
