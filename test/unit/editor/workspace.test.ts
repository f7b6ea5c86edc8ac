import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { imagePoint } from '../../../shared/sam/coords.js';
import { Workspace } from '../../../renderer/features/workspace/workspace.js';
import { answerFor, logitsOf, settle } from './fakes.js';

const image = (imageId: string) => ({ imageId, fileName: `${imageId}.jpg`, width: 100, height: 80, status: 'new', annotationCount: 0, url: '', thumbUrl: '' });

/** A backend that answers at once and records what the workspace asked of it. */
function fakeClient(labels: { labelId: string; name: string }[] = []) {
  const calls: { channel: string; request: unknown }[] = [];
  const record =
    <T>(channel: string, answer: (request: never) => T) =>
    async (request?: unknown) => {
      calls.push({ channel, request });
      return answer(request as never);
    };
  const client = {
    onEvent: () => () => undefined,
    app: { getSettings: record('app:getSettings', () => ({ precomputeAhead: 2, hoverPreview: true, hoverDelayMs: 150 })) },
    labels: { list: record('labels:list', () => ({ labels: labels.map((l, order) => ({ ...l, color: '#ff0000', order, hotkey: null, annotationCount: 0 })) })) },
    engine: {
      info: record('engine:info', () => ({ state: 'ready', modelId: 'm', requestedProvider: 'cpu', provider: 'cpu', lowResSize: 4, warnings: [] })),
      precomputeStatus: record('engine:precomputeStatus', () => ({ queued: 0, done: 0, current: null, failed: 0 })),
      precompute: record('engine:precompute', () => ({ queued: 1, done: 0, current: null, failed: 0 })),
      setImage: record('engine:setImage', (r: { imageId: string }) => ({ imageId: r.imageId, width: 100, height: 80, cache: 'hit', timingsMs: { encode: 0, total: 0 } })),
      predict: record('engine:predict', () => ({ ...answerFor('p'), indices: [1, 2, 3], stabilityScores: [1, 1, 1], timingsMs: { decode: 1, total: 1 } })),
      candidateLogits: record('engine:candidateLogits', (r: { maskInputId: string }) => logitsOf(r.maskInputId)),
    },
    project: {
      listImages: record('project:listImages', () => ({ total: 3, images: ['i0', 'i1', 'i2'].map(image) })),
      findImage: record('project:findImage', () => ({ imageId: 'i1' })),
    },
    image: { info: record('image:info', (r: { imageId: string }) => image(r.imageId)) },
    annotations: {
      list: record('annotations:list', () => ({ annotations: [] })),
      accept: record('annotations:accept', () => ({})),
    },
    history: { state: record('history:state', () => ({ undo: null, redo: null })) },
  };
  return { client: client as unknown as SamlabelClient, calls, of: (channel: string) => calls.filter((c) => c.channel === channel) };
}

async function opened(labels: { labelId: string; name: string }[] = []) {
  const backend = fakeClient(labels);
  const errors: unknown[] = [];
  const workspace = new Workspace(backend.client, (e) => errors.push(e));
  await workspace.start();
  await settle();
  await workspace.openImage('i0');
  await settle();
  return { ...backend, workspace, errors };
}

describe('Workspace', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('accepts the chosen candidate with the current label, then clears the prompts', async () => {
    const { workspace, of } = await opened([{ labelId: 'L1', name: 'cat' }]);
    workspace.session.click(imagePoint(10, 20), 1);
    await settle();
    workspace.session.choose(2);
    await workspace.accept();
    expect(of('annotations:accept').map((c) => c.request)).toEqual([
      { imageId: 'i0', maskInputId: 'p#2', labelId: 'L1', prompts: { pointCoords: [{ x: 10, y: 20 }], pointLabels: [1] } },
    ]);
    expect(workspace.session.get().prompts).toEqual([]);
  });

  it('refuses to accept without a label, and says so', async () => {
    const { workspace, of, errors } = await opened();
    workspace.session.click(imagePoint(10, 20), 1);
    await settle();
    await workspace.accept();
    expect(of('annotations:accept')).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('queues background embeddings only after the person has been idle on the image', async () => {
    const { workspace, of } = await opened();
    expect(of('engine:precompute')).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    workspace.session.click(imagePoint(5, 5), 1); // activity restarts the wait
    await settle();
    await vi.advanceTimersByTimeAsync(800);
    expect(of('engine:precompute')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(of('engine:precompute').map((c) => c.request)).toEqual([{ imageIds: ['i1', 'i2'] }]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(of('engine:precompute')).toHaveLength(1);
  });

  it('leaves keys it cannot use to the browser', async () => {
    const { workspace } = await opened();
    expect(workspace.run({ type: 'candidate', index: 0 })).toBe(false);
    expect(workspace.run({ type: 'cycle' })).toBe(false);
    expect(workspace.run({ type: 'help' })).toBe(true);
    expect(workspace.get().helpOpen).toBe(true);
  });
});
