import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthProblems } from '../../../main/db/health.js';
import { Project } from '../../../main/services/projects/project.js';
import { scanProject } from '../../../main/services/projects/scan.js';
import { TSX_ARGS, makeProject, tmpDir } from '../../helpers/dbProject.js';

const WRITER = join(import.meta.dirname, 'fixtures/crashWriter.ts');

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => {
  tmp = tmpDir();
});
afterEach(() => tmp.cleanup());

/** Runs the writer until it has reported `commits` commits, then SIGKILLs it; returns the last count it reported. */
function runAndKill(folder: string, commits: number): Promise<number> {
  const child = spawn(process.execPath, [...TSX_ARGS, WRITER, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  let last = 0;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const counts = [...d.toString().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      if (counts.length > 0) last = Math.max(last, ...counts);
      if (last >= commits && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

type Row = Record<string, unknown>;

describe('crash safety', () => {
  it('keeps every committed edit with its journal entry after a SIGKILL mid-write', async () => {
    const { folder, project } = makeProject(tmp.dir, { 'a.png': [8, 6] });
    await scanProject(project);
    project.close();

    const reported = await runAndKill(folder, 300);
    expect(healthProblems(join(folder, '.samlabel', 'project.db'))).toEqual([]);

    const reopened = Project.open(folder);
    const db = reopened.db;
    const annotations = db.prepare('SELECT * FROM annotations ORDER BY id').all() as Row[];
    expect(annotations.length).toBeGreaterThanOrEqual(reported);
    // Each annotation's latest journal row is exactly the row as stored: no edit without its entry.
    const latest = db.prepare(
      "SELECT after FROM change_rows WHERE tbl = 'annotations' AND row_id = ? ORDER BY change_id DESC, ord DESC LIMIT 1",
    );
    for (const a of annotations) {
      const entry = latest.get(a.id) as { after: string } | undefined;
      expect(entry && (JSON.parse(entry.after) as Row)).toEqual(a);
    }
    // …and no journal entry without its edit: every journaled insert exists.
    const inserted = db.prepare("SELECT tbl, row_id FROM change_rows WHERE before IS NULL").all() as { tbl: string; row_id: number }[];
    for (const r of inserted) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${r.tbl} WHERE id = ?`).get(r.row_id)).toEqual({ n: 1 });
    }
    const labels = db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number };
    expect(inserted.filter((r) => r.tbl === 'labels')).toHaveLength(labels.n);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    reopened.close();
  });
});
