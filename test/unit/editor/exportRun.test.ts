/** The export dialog's state machine, headless: options → start → progress → done / failed / cancelled. */
import { describe, expect, it } from 'vitest';
import { SamlabelError } from '../../../shared/errors.js';
import { ExportRun, toRequest, type ExportEventLike, type ExportPorts, type ExportRequest } from '../../../renderer/editor/exportRun.js';

const OUT = '/p/exports/coco-x';

function harness(options: { failStart?: boolean; cancelled?: boolean } = {}) {
  const requests: ExportRequest[] = [];
  const cancels: string[] = [];
  const errors: unknown[] = [];
  let answer: (() => void) | undefined;
  let n = 0;
  const ports: ExportPorts = {
    start: (request) => {
      requests.push(request);
      const exportId = `e${++n}`;
      if (options.failStart) return Promise.reject(new SamlabelError('ProjectNotFound', 'no project'));
      // Answered when the test says so: events can arrive before the answer.
      return new Promise((resolve) => (answer = () => resolve({ exportId, outDir: OUT })));
    },
    cancel: async (exportId) => {
      cancels.push(exportId);
      return { cancelled: options.cancelled ?? true };
    },
    onError: (e) => errors.push(e),
  };
  const run = new ExportRun(ports);
  const answerStart = async () => {
    answer?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { run, requests, cancels, errors, answerStart };
}

const ev = (exportId: string, phase: ExportEventLike['phase'], extra: Partial<ExportEventLike> = {}): ExportEventLike => ({ type: 'export', exportId, phase, outDir: OUT, ...extra });

describe('ExportRun', () => {
  it('sends cocoSeg only for COCO and the flags only when set', () => {
    expect(toRequest({ format: 'coco', cocoSeg: 'rle', onlyDone: false, dropEmpty: true })).toEqual({ format: 'coco', cocoSeg: 'rle', dropEmpty: true });
    expect(toRequest({ format: 'yolo-seg', cocoSeg: 'rle', onlyDone: true, dropEmpty: false })).toEqual({ format: 'yolo-seg', onlyDone: true });
  });

  it('start → progress → done shows the folder and the counts', async () => {
    const { run, requests, answerStart } = harness();
    run.setOptions({ format: 'labelme', onlyDone: true });
    const started = run.start();
    expect(run.get().phase).toBe('starting');
    await answerStart();
    await started;
    expect(requests).toEqual([{ format: 'labelme', onlyDone: true }]);
    expect(run.get()).toMatchObject({ phase: 'running', exportId: 'e1', outDir: OUT });
    run.onEvent(ev('e1', 'progress', { images: 3, imagesTotal: 10 }));
    expect(run.get().progress).toEqual({ done: 3, total: 10 });
    run.onEvent(ev('e1', 'done', { images: 10, annotations: 42 }));
    expect(run.get()).toMatchObject({ phase: 'done', result: { images: 10, annotations: 42 }, progress: { done: 10, total: 10 } });
  });

  it('replays events that arrived before export:start answered (a tiny export may finish first)', async () => {
    const { run, answerStart } = harness();
    const started = run.start();
    run.onEvent(ev('e1', 'started'));
    run.onEvent(ev('other', 'done', { images: 99, annotations: 99 }));
    run.onEvent(ev('e1', 'done', { images: 2, annotations: 5 }));
    await answerStart();
    await started;
    expect(run.get()).toMatchObject({ phase: 'done', result: { images: 2, annotations: 5 } });
  });

  it('ignores events of other exports and anything after the end', async () => {
    const { run, answerStart } = harness();
    const started = run.start();
    await answerStart();
    await started;
    run.onEvent(ev('zz', 'progress', { images: 7, imagesTotal: 8 }));
    expect(run.get().progress).toBeNull();
    run.onEvent(ev('e1', 'cancelled'));
    run.onEvent(ev('e1', 'done', { images: 1, annotations: 1 }));
    expect(run.get()).toMatchObject({ phase: 'cancelled', result: null });
  });

  it('a failed export is a typed error for the toasts', async () => {
    const { run, errors, answerStart } = harness();
    const started = run.start();
    await answerStart();
    await started;
    run.onEvent(ev('e1', 'failed', { error: { code: 'ExportRefused', message: 'not ours' } }));
    expect(run.get().phase).toBe('failed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SamlabelError);
    expect(errors[0]).toMatchObject({ code: 'ExportRefused', message: 'not ours' });
  });

  it('a refused start is reported as it came', async () => {
    const { run, errors } = harness({ failStart: true });
    await run.start();
    expect(run.get().phase).toBe('failed');
    expect(errors[0]).toMatchObject({ code: 'ProjectNotFound' });
  });

  it('cancel asks main with the export id and ends the run', async () => {
    const { run, cancels, answerStart } = harness();
    const started = run.start();
    await answerStart();
    await started;
    await run.cancel();
    expect(cancels).toEqual(['e1']);
    expect(run.get().phase).toBe('cancelled');
    await run.cancel();
    expect(cancels).toEqual(['e1']);
  });

  it('options are frozen while an export runs and a second start is ignored', async () => {
    const { run, requests, answerStart } = harness();
    const started = run.start();
    run.setOptions({ format: 'voc' });
    await run.start();
    await answerStart();
    await started;
    expect(run.get().options.format).toBe('coco');
    expect(requests).toHaveLength(1);
  });
});
