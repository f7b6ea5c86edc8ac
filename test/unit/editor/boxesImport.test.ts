/** Import boxes' state, headless: sources from main, the chosen one and the mode go to start, the job follows its events. */
import { describe, expect, it } from 'vitest';
import type { AutoBatchEventLike } from '../../../renderer/editor/autoBatch.js';
import { BoxesImport, type BoxesImportPorts, type DetectionSourceLike } from '../../../renderer/editor/boxesImport.js';

function harness(lists: DetectionSourceLike[][]) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  let listing = 0;
  const ports: BoxesImportPorts = {
    list: async () => lists[Math.min(listing++, lists.length - 1)],
    start: async (sourceId, mode) => {
      calls.push(`start ${sourceId} ${mode}`);
      return 'j1';
    },
    cancel: async (jobId) => calls.push(`cancel ${jobId}`),
    finished: () => calls.push('finished'),
    onError: (e) => errors.push(e),
  };
  return { model: new BoxesImport(ports), calls, errors };
}

const src = (sourceId: string, name: string, kind: 'yolo' | 'coco' = 'coco'): DetectionSourceLike => ({ sourceId, name, kind });
const ev = (patch: Partial<AutoBatchEventLike>): AutoBatchEventLike => ({ type: 'auto', jobId: 'j1', kind: 'batch', phase: 'progress', pointsDone: 0, pointsTotal: 0, ...patch });

describe('BoxesImport', () => {
  it('starts the chosen source with the chosen mode and follows only its own job to the end', async () => {
    const h = harness([[src('a', 'det.json'), src('b', 'labels/', 'yolo')]]);
    await h.model.refresh();
    expect(h.model.get().sourceId).toBe('a');
    h.model.select('b');
    h.model.select('not-listed');
    h.model.setMode('best-of-3');
    await h.model.run();
    expect(h.calls).toEqual(['start b best-of-3']);
    h.model.onEvent(ev({ jobId: 'other', imagesDone: 5 }));
    h.model.onEvent(ev({ imagesDone: 1, imagesTotal: 4 }));
    expect(h.model.job.get()).toMatchObject({ phase: 'running', imagesDone: 1, imagesTotal: 4 });
    h.model.onEvent(ev({ phase: 'done', imagesDone: 4, imagesTotal: 4, records: 9 }));
    expect(h.model.job.get()).toMatchObject({ phase: 'done', records: 9 });
    expect(h.calls.at(-1)).toBe('finished');
  });

  it('keeps the chosen source across a re-listing (new ids, same name); nothing to import starts nothing', async () => {
    const h = harness([[src('a', 'det.json'), src('b', 'labels/', 'yolo')], [src('c', 'det.json'), src('d', 'labels/', 'yolo')], []]);
    await h.model.refresh();
    h.model.select('b');
    await h.model.refresh();
    expect(h.model.get().sourceId).toBe('d');
    await h.model.refresh();
    expect(h.model.get()).toMatchObject({ sources: [], sourceId: null });
    await h.model.run();
    expect(h.calls).toEqual([]);
    expect(h.model.job.get().phase).toBe('idle');
  });
});
