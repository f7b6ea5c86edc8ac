/** The background batch's state machine, headless: list → start → progress → end; other jobs ignored. */
import { describe, expect, it } from 'vitest';
import { AutoBatch, type AutoBatchEventLike, type AutoBatchPorts } from '../../../renderer/editor/autoBatch.js';

function harness(ids: string[] = ['1', '2', '3']) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const ports: AutoBatchPorts = {
    listImages: async () => ids,
    start: async (imageIds, labelId) => {
      calls.push(`start [${imageIds.join(',')}] ${labelId}`);
      return 'b1';
    },
    cancel: async (jobId) => calls.push(`cancel ${jobId}`),
    finished: () => calls.push('finished'),
    onError: (e) => errors.push(e),
  };
  return { batch: new AutoBatch(ports), calls, errors };
}

const ev = (patch: Partial<AutoBatchEventLike>): AutoBatchEventLike => ({ type: 'auto', jobId: 'b1', kind: 'batch', phase: 'progress', pointsDone: 0, pointsTotal: 0, ...patch });

describe('AutoBatch', () => {
  it('runs on the listed images with the label, follows its own job’s progress, ends with the masks added', async () => {
    const h = harness();
    await h.batch.run('7');
    expect(h.calls).toEqual(['start [1,2,3] 7']);
    expect(h.batch.get()).toMatchObject({ phase: 'running', imagesTotal: 3 });
    h.batch.onEvent(ev({ jobId: 'other', imagesDone: 2 }));
    h.batch.onEvent(ev({ kind: 'image', imagesDone: 2 }));
    h.batch.onEvent(ev({ imagesDone: 1, imagesTotal: 3, pointsDone: 64, pointsTotal: 1024 }));
    expect(h.batch.get()).toMatchObject({ imagesDone: 1, pointsDone: 64, pointsTotal: 1024 });
    h.batch.onEvent(ev({ imagesDone: 2, error: { code: 'ImageDecodeError', message: 'bad file' } }));
    expect(h.errors).toHaveLength(1);
    h.batch.onEvent(ev({ phase: 'done', imagesDone: 3, records: 12 }));
    expect(h.batch.get()).toMatchObject({ phase: 'done', imagesDone: 3, records: 12 });
    expect(h.calls.at(-1)).toBe('finished');
  });

  it('does nothing for an empty list; a second run while one is going is ignored; cancel names the job', async () => {
    const empty = harness([]);
    await empty.batch.run(null);
    expect(empty.calls).toEqual([]);
    expect(empty.batch.get().phase).toBe('idle');
    const h = harness();
    await h.batch.run(null);
    await h.batch.run(null);
    await h.batch.cancel();
    expect(h.calls).toEqual(['start [1,2,3] null', 'cancel b1']);
    h.batch.onEvent(ev({ phase: 'cancelled', imagesDone: 1 }));
    expect(h.batch.get().phase).toBe('cancelled');
  });
});
