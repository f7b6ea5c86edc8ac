import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import { runCli } from '../../../main/cli/program.js';
import { addLabel, listLabelClasses } from '../../../main/services/labels/labels.js';
import { projectInfo } from '../../../main/services/projects/info.js';
import { Project } from '../../../main/services/projects/project.js';
import { killHard, startChild } from '../../helpers/dbChild.js';
import { makeProject, tmpDir } from '../../helpers/dbProject.js';
import { captureStderr } from '../../helpers/dbCli.js';

const HOLD = join(import.meta.dirname, 'fixtures/holdProject.ts');

let tmp: ReturnType<typeof tmpDir>;
let child: ChildProcess | undefined;
beforeEach(() => {
  tmp = tmpDir();
});
afterEach(async () => {
  if (child) await killHard(child);
  child = undefined;
  tmp.cleanup();
});

function openError(folder: string): unknown {
  try {
    Project.open(folder).close();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('one writer per project', () => {
  it('refuses a second writer in the same process', () => {
    const { folder, project } = makeProject(tmp.dir);
    const err = openError(folder);
    expect(isSamlabelError(err, 'ProjectLocked')).toBe(true);
    expect((err as Error).message).toContain(`pid ${process.pid}`);
    project.close();
    expect(openError(folder)).toBeUndefined();
  });

  it('refuses a writer while another process holds the project, and names it', async () => {
    const { folder, project } = makeProject(tmp.dir);
    project.close();
    const started = await startChild(HOLD, [folder], /^ready /);
    child = started.child;

    const err = openError(folder);
    expect(isSamlabelError(err, 'ProjectLocked'), String(err)).toBe(true);
    expect((err as Error).message).toContain(`pid ${child.pid}`);
    expect((err as Error).message).toContain('holdProject fixture');

    // Readers are not refused: `project info` works and says who has it open.
    const info = projectInfo(folder);
    expect(info.openBy).toMatchObject({ pid: child.pid });

    // The CLI reports it in one line, exit 1, without touching the database.
    const cli = await captureStderr(() => runCli(['labels', 'add', folder, 'cat']));
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/^samlabel: ProjectLocked: .*open for writing by pid/);
  });

  it('frees the project when the holder is killed (no stale lock to break by hand)', async () => {
    const { folder, project } = makeProject(tmp.dir);
    project.close();
    const started = await startChild(HOLD, [folder], /^ready /);
    child = started.child;
    expect(isSamlabelError(openError(folder), 'ProjectLocked')).toBe(true);

    await killHard(child);
    const reopened = Project.open(folder);
    addLabel(reopened, { name: 'after-crash' });
    expect(listLabelClasses(reopened).map((l) => l.name)).toEqual(['after-crash']);
    expect(projectInfo(folder).openBy).toMatchObject({ pid: process.pid });
    reopened.close();
    expect(projectInfo(folder).openBy).toBeNull();
  });
});
