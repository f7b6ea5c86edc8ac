import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamlabelError } from '../../../shared/errors.js';
import { runCli } from '../../../main/cli/program.js';
import { reportError, safeLine } from '../../../main/cli/reportError.js';
import { captureStderr } from '../../helpers/dbCli.js';
import { tmpDir, writeImages } from '../../helpers/dbProject.js';

/** Issue 11: untrusted names printed escaped and cut, read-only commands create nothing, fs errors typed. */
let tmp: ReturnType<typeof tmpDir>;
let folder: string;
beforeEach(() => {
  tmp = tmpDir();
  folder = join(tmp.dir, 'images');
  writeImages(folder, { 'a.png': [4, 3] });
});
afterEach(() => tmp.cleanup());

const cli = (...args: string[]) => captureStderr(() => runCli(args));
const ESC = '\u001b';

/** Every path under dir, for "nothing was created" checks. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('read-only commands create nothing', () => {
  it('cache info and cache clear on a folder that does not exist', async () => {
    const dir = join(tmp.dir, 'nonexistent', 'x');
    const info = await cli('cache', 'info', '--cache-dir', dir, '--json');
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ entries: 0, bytes: 0 });
    const clear = await cli('cache', 'clear', '--cache-dir', dir);
    expect(clear.code, clear.stderr).toBe(0);
    expect(existsSync(join(tmp.dir, 'nonexistent'))).toBe(false);
  });

  it('project info, labels list and project recover (without --yes) on folders that are no project', async () => {
    const before = tree(tmp.dir);
    for (const target of [folder, join(tmp.dir, 'nope')]) {
      for (const args of [['project', 'info', target], ['labels', 'list', target], ['project', 'recover', target]]) {
        const r = await cli(...args);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(/^samlabel: ProjectNotFound: /);
      }
    }
    expect(tree(tmp.dir)).toEqual(before);
  });
});

describe('untrusted names are printed escaped and cut', () => {
  it('a label name with terminal escapes (as an import could bring it) is escaped by labels list', async () => {
    expect((await cli('project', 'init', folder)).code).toBe(0);
    const db = new Database(join(folder, '.samlabel', 'project.db'));
    db.prepare("INSERT INTO labels (name, color, sort_order, created_at, updated_at) VALUES (?, '#ff0000', 0, 1, 1)").run(`red${ESC}[31mcat${ESC}]0;title\u0007`);
    db.prepare("INSERT INTO labels (name, color, sort_order, created_at, updated_at) VALUES (?, '#00ff00', 1, 1, 1)").run('L'.repeat(5000));
    db.close();
    const list = await cli('labels', 'list', folder);
    expect(list.stdout).not.toContain(ESC);
    expect(list.stdout).toContain('red\\x1b[31mcat\\x1b]0;title\\x07\t#ff0000');
    expect(list.stdout).toContain(`${'L'.repeat(200)}…\t#00ff00`);
  });

  it('an error quoting a hostile name stays one escaped line', async () => {
    expect((await cli('project', 'init', folder)).code).toBe(0);
    const r = await cli('labels', 'rename', folder, `x${ESC}[2J\nsamlabel: all fine`, 'y');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('samlabel: LabelNotFound: no label named "x\\x1b[2J\\x0asamlabel: all fine"\n');
  });

  it('safeLine cuts long space-free runs (names, paths) and the whole line', () => {
    expect(safeLine(`no label named "${'z'.repeat(3000)}" here`)).toBe(`no label named "${'z'.repeat(199)}… here`);
    expect(Array.from(safeLine('word '.repeat(1000)))).toHaveLength(1001);
  });
});

describe('file system errors are typed one-liners naming the path', () => {
  it('maps Node fs errors, and their echo from the engine process, to FileError', async () => {
    const cases: [unknown, RegExp][] = [
      [Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: 'EISDIR', syscall: 'read', path: '/x/dir.png' }), /^samlabel: FileError: cannot read \/x\/dir\.png: it is a folder, not a file \(EISDIR\)\n$/],
      [Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'mkdir', path: '/root/c' }), /^samlabel: FileError: cannot create the folder \/root\/c: permission denied \(EACCES\)\n$/],
      [new SamlabelError('Internal', "EEXIST: file already exists, mkdir '/tmp/out'"), /^samlabel: FileError: cannot create the folder \/tmp\/out: it already exists \(EEXIST\)\n$/],
      [Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'write' }), /^samlabel: FileError: cannot write a file: no space left on the disk \(ENOSPC\)\n$/],
      [new TypeError("Cannot read properties of null (reading 'x')"), /^samlabel: Internal: TypeError: Cannot read properties of null .*a samlabel bug/],
    ];
    for (const [err, line] of cases) {
      const r = await captureStderr(async () => reportError(err));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(line);
    }
  });

  it('project init where .samlabel is a file, and a project.db that is a folder', async () => {
    writeFileSync(join(folder, '.samlabel'), 'in the way');
    const init = await cli('project', 'init', folder);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/^samlabel: FileError: cannot create the folder .*\.samlabel: a file is in the way \(EEXIST\).*--db/);

    rmSync(join(folder, '.samlabel'));
    mkdirSync(join(folder, '.samlabel', 'project.db'), { recursive: true });
    for (const args of [['project', 'info', folder], ['labels', 'list', folder], ['project', 'scan', folder]]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^samlabel: ProjectCorrupt: .*project\.db should be the project database file but is not a regular file/);
    }
  });
});
