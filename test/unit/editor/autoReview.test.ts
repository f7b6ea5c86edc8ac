/** The Auto panel's state machine, headless: run → progress → review (largest first) → accept / reject. */
import { describe, expect, it } from 'vitest';
import { commandFor } from '../../../renderer/editor/keymap.js';
import { AutoReview, type AutoEventLike, type AutoPorts, type AutoRecord } from '../../../renderer/editor/autoReview.js';

const record = (recordId: string, area: number): AutoRecord => ({
  recordId,
  segmentation: { size: [10, 10], counts: recordId },
  area,
  bbox: [0, 0, 1, 1],
  predicted_iou: 0.9,
  stability_score: 0.95,
  point_coords: [[1, 1]],
});

function harness(records: AutoRecord[] = [record('r1', 5), record('r2', 50), record('r3', 20)]) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  let jobs = 0;
  const ports: AutoPorts = {
    start: async (imageId) => {
      calls.push(`start ${imageId}`);
      return `job${++jobs}`;
    },
    cancel: async (jobId) => calls.push(`cancel ${jobId}`),
    results: async (jobId) => {
      calls.push(`results ${jobId}`);
      return records;
    },
    accept: async (jobId, ids, labelId) => {
      calls.push(`accept ${jobId} [${ids.join(',')}] as ${labelId}`);
      if (labelId === 'bad') throw new Error('LabelNotFound');
    },
    accepted: (imageId) => void calls.push(`reload ${imageId}`),
    noLabel: () => calls.push('no label'),
    onError: (e) => errors.push(e),
  };
  return { model: new AutoReview(ports), calls, errors };
}

const ev = (jobId: string, phase: AutoEventLike['phase'], pointsDone = 0, pointsTotal = 0): AutoEventLike => ({ type: 'auto', jobId, phase, pointsDone, pointsTotal });
const settle = () => new Promise((r) => setTimeout(r, 0));

async function reviewing(h: ReturnType<typeof harness>) {
  await h.model.run('img1');
  h.model.onEvent(ev('job1', 'progress', 64, 1024));
  h.model.onEvent(ev('job1', 'done', 1024, 1024));
  await settle();
}

describe('AutoReview', () => {
  it('shows progress of its own job only, then the records largest first', async () => {
    const h = harness();
    await h.model.run('img1');
    expect(h.model.get()).toMatchObject({ phase: 'running', imageId: 'img1', jobId: 'job1' });
    h.model.onEvent(ev('other', 'progress', 500, 1024));
    h.model.onEvent(ev('job1', 'progress', 64, 1024));
    expect(h.model.get().progress).toEqual({ done: 64, total: 1024 });
    h.model.onEvent(ev('job1', 'done', 1024, 1024));
    await settle();
    expect(h.model.get().phase).toBe('review');
    expect(h.model.get().records.map((r) => r.recordId)).toEqual(['r2', 'r3', 'r1']);
    expect([...h.model.get().order]).toEqual([['r2', 0], ['r3', 1], ['r1', 2]]);
  });

  it('accepts one with its own label and one with the current label (one call per label), rejects one; the list keeps the rest', async () => {
    const h = harness();
    await reviewing(h);
    h.model.setLabel('r2', 'dog');
    expect(await h.model.accept(['r2', 'r3'], 'cat')).toBe(true);
    h.model.reject(['r1']);
    expect(h.calls.filter((c) => c.startsWith('accept') || c.startsWith('reload'))).toEqual(['accept job1 [r2] as dog', 'accept job1 [r3] as cat', 'reload img1']);
    expect(h.model.get().records).toEqual([]);
  });

  it('bulk: accept selected, accept all, reject all', async () => {
    const h = harness();
    await reviewing(h);
    h.model.toggleSelected('r1');
    h.model.toggleSelected('r3');
    h.model.toggleSelected('r3');
    expect(await h.model.acceptSelected('cat')).toBe(true);
    expect(h.model.get().records.map((r) => r.recordId)).toEqual(['r2', 'r3']);
    expect(h.model.get().selected.size).toBe(0);
    h.model.rejectAll();
    expect(await h.model.acceptAll('cat')).toBe(false);
    expect(h.calls.filter((c) => c.startsWith('accept'))).toEqual(['accept job1 [r1] as cat']);
  });

  it('without a label nothing is sent and the person is told; a failed accept keeps the records', async () => {
    const h = harness();
    await reviewing(h);
    expect(await h.model.acceptAll(null)).toBe(false);
    expect(h.calls).toContain('no label');
    expect(await h.model.acceptAll('bad')).toBe(false);
    expect(h.errors).toHaveLength(1);
    expect(h.model.get().records).toHaveLength(3);
  });

  it('cancel sends the job id and ends in cancelled; a later done event of that job is ignored', async () => {
    const h = harness();
    await h.model.run('img1');
    await h.model.cancel();
    expect(h.calls).toContain('cancel job1');
    h.model.onEvent(ev('job1', 'done'));
    await settle();
    expect(h.model.get().phase).toBe('cancelled');
    expect(h.calls).not.toContain('results job1');
  });

  it('running on another image cancels the first job; a failed job is reported', async () => {
    const h = harness();
    await h.model.run('img1');
    await h.model.run('img2');
    expect(h.calls).toEqual(['start img1', 'cancel job1', 'start img2']);
    h.model.onEvent({ ...ev('job2', 'failed'), error: { code: 'EngineCrashed', message: 'boom' } });
    expect(h.model.get().phase).toBe('failed');
    expect(String(h.errors[0])).toContain('boom');
  });

  it('G runs Auto (plain key only)', () => {
    expect(commandFor({ key: 'g' })).toEqual({ type: 'auto' });
    expect(commandFor({ key: 'g', ctrl: true })).toBeNull();
  });
});
