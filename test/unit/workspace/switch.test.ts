/**
 * Switching images in the Workspace (no DOM): the next/previous image comes from the gallery's loaded
 * rows when they can tell (else project:findImage), the engine's setImage is the first request of a
 * switch and nothing waits for image:info, and an unchanged image:info answer re-renders nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { Workspace } from '../../../renderer/features/workspace/workspace.js';

type Status = 'new' | 'in_progress' | 'done' | 'skipped';

const row = (imageId: string, status: Status = 'new') => ({ imageId, fileName: `${imageId}.jpg`, width: 100, height: 80, status, annotationCount: 0, url: `/image/${imageId}`, thumbUrl: '' });

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

interface Call {
  readonly channel: string;
  readonly request: unknown;
}

/**
 * A backend over `rows` (path order) that records every request in order. With `hold`, the answers to
 * those channels wait until release() is called, so a test sees what was asked before any answer.
 */
function fakeBackend(rows: ReturnType<typeof row>[], hold: readonly string[] = []) {
  const calls: Call[] = [];
  const held: Array<() => void> = [];
  const infos = new Map(rows.map((r) => [r.imageId, r]));
  const record =
    <T>(channel: string, answer: (request: never) => T) =>
    (request?: unknown): Promise<T> => {
      calls.push({ channel, request });
      const value = () => answer(request as never);
      if (!hold.includes(channel)) return Promise.resolve(value());
      return new Promise((resolve) => held.push(() => resolve(value())));
    };
  const findImage = (r: { from: string; direction: 'next' | 'previous'; status?: Status[] }) => {
    const at = rows.findIndex((x) => x.imageId === r.from);
    const step = r.direction === 'next' ? 1 : -1;
    for (let i = at + step; i >= 0 && i < rows.length; i += step) if (!r.status || r.status.includes(rows[i].status)) return { imageId: rows[i].imageId };
    return { imageId: null };
  };
  const client = {
    onEvent: () => () => undefined,
    app: { getSettings: record('app:getSettings', () => ({ precomputeAhead: 0, hoverPreview: true, hoverDelayMs: 150 })) },
    labels: { list: record('labels:list', () => ({ labels: [] })) },
    engine: {
      info: record('engine:info', () => ({ state: 'ready', modelId: 'm', requestedProvider: 'cpu', provider: 'cpu', lowResSize: 4, warnings: [] })),
      precomputeStatus: record('engine:precomputeStatus', () => ({ queued: 0, done: 0, current: null, failed: 0 })),
      precompute: record('engine:precompute', () => ({ queued: 0, done: 0, current: null, failed: 0 })),
      setImage: record('engine:setImage', (r: { imageId: string }) => ({ imageId: r.imageId, width: 100, height: 80, cache: 'hit', timingsMs: { encode: 0, total: 0 } })),
    },
    project: {
      listImages: record('project:listImages', (r: { status?: Status[] }) => {
        const images = rows.filter((x) => !r.status || r.status.includes(x.status));
        return { total: images.length, images };
      }),
      findImage: record('project:findImage', findImage),
    },
    image: { info: record('image:info', (r: { imageId: string }) => infos.get(r.imageId)) },
    annotations: { list: record('annotations:list', () => ({ annotations: [] })) },
    history: { state: record('history:state', () => ({ undo: null, redo: null })) },
  };
  return {
    client: client as unknown as SamlabelClient,
    calls,
    /** Changes what image:info answers from now on (the store's row moved on). */
    setInfo: (r: ReturnType<typeof row>) => infos.set(r.imageId, r),
    release: () => held.splice(0).forEach((go) => go()),
    channelsSince: (n: number) => calls.slice(n).map((c) => c.channel),
  };
}

async function started(rows: ReturnType<typeof row>[], hold: readonly string[] = []) {
  const backend = fakeBackend(rows, hold);
  const errors: unknown[] = [];
  const workspace = new Workspace(backend.client, (e) => errors.push(e));
  await workspace.start();
  await settle();
  return { ...backend, workspace, errors };
}

describe('Workspace: switching images', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes the next image from the loaded gallery rows, sends setImage first and shows the image before any answer', async () => {
    const { workspace, calls, channelsSince, release } = await started([row('a'), row('b'), row('c')], ['engine:setImage', 'image:info', 'annotations:list', 'history:state']);
    void workspace.openImage('a');
    release();
    await settle();
    const from = calls.length;
    void workspace.step('next');
    await settle();
    expect(channelsSince(from)).toEqual(['engine:setImage', 'annotations:list', 'history:state', 'image:info']);
    expect(calls[from].request).toEqual({ imageId: 'b' });
    expect(workspace.get().image?.imageId).toBe('b');
    expect(workspace.view.get().image).toEqual({ width: 100, height: 80 });
    expect(workspace.session.get()).toMatchObject({ imageId: 'b', embedding: 'computing' });
    release();
    await settle();
    expect(workspace.session.get()).toMatchObject({ imageId: 'b', embedding: 'ready' });
  });

  it('goes back with previous, and stays put at the ends after asking the store', async () => {
    const { workspace, channelsSince, calls } = await started([row('a'), row('b')]);
    await workspace.openImage('b');
    await workspace.step('previous');
    expect(workspace.get().image?.imageId).toBe('a');
    const from = calls.length;
    await workspace.step('previous');
    expect(channelsSince(from)).toEqual(['project:findImage']);
    expect(workspace.get().image?.imageId).toBe('a');
  });

  it('skips finished rows for "next not done" without asking the store', async () => {
    const { workspace, calls, channelsSince } = await started([row('a'), row('b', 'done'), row('c', 'skipped'), row('d', 'in_progress')]);
    await workspace.openImage('a');
    const from = calls.length;
    await workspace.step('next', true);
    expect(channelsSince(from)).not.toContain('project:findImage');
    expect(workspace.get().image?.imageId).toBe('d');
  });

  it('asks the store when the gallery cannot tell: a label filter, or "not done" outside a status filter', async () => {
    const { workspace, calls } = await started([row('a', 'done'), row('b', 'new'), row('c', 'done')]);
    workspace.gallery.setFilter({ status: 'done', labelId: null });
    await settle();
    await workspace.openImage('a');
    await workspace.step('next', true);
    expect(calls.filter((c) => c.channel === 'project:findImage').map((c) => c.request)).toEqual([{ from: 'a', direction: 'next', status: ['new', 'in_progress'] }]);
    expect(workspace.get().image?.imageId).toBe('b');
    workspace.gallery.setFilter({ status: null, labelId: 'L1' });
    await settle();
    await workspace.step('next');
    expect(calls.filter((c) => c.channel === 'project:findImage')).toHaveLength(2);
    expect(workspace.get().image?.imageId).toBe('c');
  });

  it('skips a row whose status left the gallery filter, as the store would', async () => {
    const { workspace, calls } = await started([row('a'), row('b'), row('c')]);
    workspace.gallery.setFilter({ status: 'new', labelId: null });
    await settle();
    await workspace.openImage('a');
    workspace.gallery.patch(row('b', 'done'));
    await workspace.step('next');
    expect(workspace.get().image?.imageId).toBe('c');
    expect(calls.filter((c) => c.channel === 'project:findImage')).toEqual([]);
  });

  it('an image not in the loaded rows waits for image:info, and only then switches the engine', async () => {
    const { workspace, calls, channelsSince, release, setInfo } = await started([row('a')], ['image:info']);
    setInfo(row('zz')); // in the store, not (yet) in the gallery's rows
    const from = calls.length;
    void workspace.openImage('zz');
    await settle();
    expect(channelsSince(from)).toEqual(['image:info']);
    expect(workspace.get().image).toBeNull();
    release();
    await settle();
    expect(channelsSince(from)).toEqual(['image:info', 'engine:setImage', 'annotations:list', 'history:state']);
  });

  it("an unchanged image:info answer changes nothing; a changed one updates the image and the gallery's row", async () => {
    const { workspace, setInfo } = await started([row('a'), row('b')]);
    await workspace.openImage('a');
    await settle();
    let changes = 0;
    const off = workspace.subscribe(() => changes++);
    const galleryVersion = workspace.gallery.get().version;
    await workspace.openImage('b');
    await settle();
    expect(changes).toBe(1); // the switch itself
    expect(workspace.gallery.get().version).toBe(galleryVersion);
    setInfo({ ...row('a'), annotationCount: 3 });
    await workspace.openImage('a');
    await settle();
    off();
    expect(changes).toBe(3);
    expect(workspace.get().image?.annotationCount).toBe(3);
    expect(workspace.gallery.find('a')?.annotationCount).toBe(3);
  });
});
