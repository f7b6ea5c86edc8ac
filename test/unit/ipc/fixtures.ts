/**
 * One valid request and some invalid ones per channel. Typed over every Channel, so a new contract
 * channel does not compile until it has fixtures here — and with them, the tests below cover it.
 * `malformed()` adds, for every channel, the payloads any strict request must refuse.
 */
import type { RequestIn, ResponseIn } from '../../../shared/ipc/api.js';
import type { Channel } from '../../../shared/ipc/contract.js';
import { autoFixtures } from './autoFixtures.js';

interface ChannelFixture<C extends Channel> {
  readonly valid: RequestIn<C>;
  readonly invalid: readonly unknown[];
  readonly response: ResponseIn<C>;
}

const candidates = 3;
const lowResSize = 4;

const image = {
  imageId: 'img-1',
  fileName: 'a/b.jpg',
  width: 640,
  height: 480,
  status: 'new' as const,
  annotationCount: 0,
  url: '/image/img-1?v=1',
  thumbUrl: '/thumb/img-1?v=1',
};
const counts = { new: 1, in_progress: 0, done: 0, skipped: 0, missing: 0 };
const summary = { projectId: 'p1', name: 'project', folder: '/home/u/project', imageCount: 1, images: counts, labelCount: 0, annotationCount: 0 };
const annotation = {
  annotationId: '1',
  imageId: 'img-1',
  labelId: '1',
  rle: { size: [480, 640] as [number, number], counts: 'PPYo0' },
  area: 100,
  bbox: [1, 2, 10, 10] as [number, number, number, number],
  source: 'click' as const,
  score: 0.9,
  stability: 0.95,
  attributes: {},
  zOrder: 0,
  review: { reason: 'imported detector box' },
};
const label = { labelId: '1', name: 'cat', color: '#ff0000', order: 0, hotkey: null, annotationCount: 0 };
const scanCounts = { files: 1, added: 1, changed: 0, relinked: 0, restored: 0, unchanged: 0, missing: 0, failed: 0 };
const settings = { precomputeAhead: 5, hoverPreview: true, hoverDelayMs: 150 };
const precompute = { queued: 0, done: 0, current: null, failed: 0 };
const prompts = { pointCoords: [{ x: 1, y: 2 }], pointLabels: [1 as const] };
const step = { description: 'add annotation', imageIds: ['img-1'], state: { undo: null, redo: 'add annotation' } };
const noArgs = ['x', 1, { a: 1 }, [], null] as const;

export const fixtures: { readonly [C in Channel]: ChannelFixture<C> } = {
  'app:version': { valid: undefined, invalid: [{}, 'x', { version: '1' }], response: { name: 'samlabel', version: '0.1.0' } },
  'app:environment': { valid: undefined, invalid: noArgs, response: { mode: 'serve', canPickFolder: false, platform: 'linux' } },
  'app:getSettings': { valid: undefined, invalid: noArgs, response: settings },
  'app:setSettings': {
    valid: { precomputeAhead: 10 },
    invalid: [undefined, { precomputeAhead: -1 }, { precomputeAhead: 1.5 }, { hoverPreview: 'yes' }, { theme: 'dark' }],
    response: settings,
  },
  'project:pickFolder': { valid: undefined, invalid: noArgs, response: { path: null } },
  'project:open': { valid: { path: '/home/u/project' }, invalid: [undefined, {}, { path: '' }, { path: 42 }], response: summary },
  'project:recent': { valid: undefined, invalid: noArgs, response: { projects: [{ folder: '/p', name: 'p', openedAt: 1 }] } },
  'project:current': { valid: undefined, invalid: noArgs, response: { project: summary } },
  'project:info': { valid: undefined, invalid: noArgs, response: summary },
  'project:scan': { valid: undefined, invalid: noArgs, response: { ...scanCounts, cancelled: false, failures: [] } },
  'project:cancelScan': { valid: undefined, invalid: noArgs, response: { cancelled: true } },
  'project:listImages': {
    valid: { offset: 0, limit: 100, status: ['new', 'in_progress'] },
    invalid: [
      undefined,
      { offset: -1, limit: 10 },
      { offset: 0, limit: 0 },
      { offset: 0, limit: 100_000 },
      { offset: 0.5, limit: 10 },
      { offset: 0, limit: 10, status: ['finished'] },
      { offset: 0, limit: 10, status: [] },
      { offset: 0, limit: 10, labelId: '' },
    ],
    response: { total: 1, images: [image] },
  },
  'project:findImage': {
    valid: { from: 'img-1', direction: 'next', status: ['new'] },
    invalid: [undefined, { from: 'img-1' }, { from: 'img-1', direction: 'up' }, { from: '', direction: 'next' }],
    response: { imageId: null },
  },
  'project:setImageStatus': {
    valid: { imageId: 'img-1', status: 'done' },
    invalid: [undefined, { imageId: 'img-1' }, { imageId: 'img-1', status: 'missing' }, { imageId: 'img-1', status: 'DONE' }],
    response: { ...image, status: 'done' },
  },
  'image:info': {
    valid: { imageId: 'img-1' },
    invalid: [undefined, {}, { imageId: '' }, { path: '/etc/passwd' }, { imageId: 'img-1', path: '/etc/passwd' }],
    response: image,
  },
  'engine:setImage': {
    valid: { imageId: 'img-1' },
    invalid: [undefined, {}, { imageId: '' }, { imageId: 7 }, { path: '/etc/passwd' }, { imageId: 'a', path: '/etc/passwd' }],
    response: { imageId: 'img-1', width: 640, height: 480, cache: 'miss', timingsMs: { encode: 900, total: 950 } },
  },
  'engine:predict': {
    valid: { imageId: 'img-1', pointCoords: [{ x: 10, y: 20 }], pointLabels: [1], multimaskOutput: true },
    invalid: [
      undefined,
      { imageId: 'img-1', pointCoords: [{ x: 10, y: 20 }], pointLabels: [1] },
      { imageId: 'img-1', pointCoords: [{ x: 10, y: 20 }], pointLabels: [2], multimaskOutput: true },
      { imageId: 'img-1', pointCoords: [{ x: 10, y: 20 }], pointLabels: [1, 0], multimaskOutput: true },
      { imageId: 'img-1', pointCoords: [{ x: Number.NaN, y: 20 }], pointLabels: [1], multimaskOutput: true },
      { imageId: 'img-1', pointCoords: [], pointLabels: [], multimaskOutput: true },
      { imageId: 'img-1', pointCoords: [], pointLabels: [], box: { x0: 9, y0: 0, x1: 1, y1: 5 }, multimaskOutput: true },
      { imageId: 'img-1', pointCoords: [{ x: 1, y: 2, z: 3 }], pointLabels: [1], multimaskOutput: true },
    ],
    response: {
      indices: [1, 2, 3],
      iouPredictions: [0.9, 0.8, 0.7],
      stabilityScores: [0.95, 0.9, 0.5],
      maskInputIds: ['m1', 'm2', 'm3'],
      lowResSize,
      grid: { cols: lowResSize, rows: 3 },
      cellMasks: new Uint8Array(candidates * 2),
      shown: 0,
      shownLogits: { window: { c0: 1, r0: 0, c1: 3, r1: 2 }, values: new Float32Array(4) },
      timingsMs: { decode: 10, total: 12 },
    },
  },
  'engine:candidateLogits': {
    valid: { imageId: 'img-1', maskInputId: 'm2' },
    invalid: [undefined, {}, { imageId: 'img-1' }, { imageId: 'img-1', maskInputId: '' }, { imageId: 'img-1', maskInputId: 'm2', extra: 1 }],
    response: { window: { c0: 0, r0: 0, c1: 0, r1: 0 }, values: new Float32Array(0) },
  },
  'engine:precompute': {
    valid: { imageIds: ['img-1', 'img-2'] },
    invalid: [undefined, {}, { imageIds: [''] }, { imageIds: 'img-1' }],
    response: { ...precompute, queued: 2 },
  },
  'engine:precomputeStatus': { valid: undefined, invalid: noArgs, response: precompute },
  'engine:info': {
    valid: undefined,
    invalid: noArgs,
    response: { state: 'ready', modelId: 'builtin-classic', requestedProvider: 'cpu', provider: 'cpu', lowResSize: 256, warnings: [] },
  },
  'annotations:list': { valid: { imageId: 'img-1' }, invalid: [undefined, {}, { imageId: 3 }], response: { annotations: [annotation] } },
  'annotations:accept': {
    valid: { imageId: 'img-1', maskInputId: 'm2', labelId: '1', prompts },
    invalid: [
      undefined,
      { imageId: 'img-1', labelId: '1', prompts },
      { imageId: 'img-1', maskInputId: 'm2', labelId: '1' },
      { imageId: 'img-1', maskInputId: 'm2', labelId: '1', prompts: { pointCoords: [], pointLabels: [] } },
      { imageId: 'img-1', maskInputId: 'm2', labelId: '1', prompts: { pointCoords: [{ x: 1, y: Number.POSITIVE_INFINITY }], pointLabels: [1] } },
      { imageId: 'img-1', maskInputId: 'm2', labelId: '1', prompts, attributes: { a: { nested: 1 } } },
      { imageId: 'img-1', maskInputId: 'm2', labelId: '1', prompts, rle: { size: [1, 1], counts: '1' } },
    ],
    response: annotation,
  },
  'annotations:update': {
    valid: { annotationId: '1', labelId: '2' },
    invalid: [undefined, { annotationId: '1' }, { annotationId: '1', labelId: '' }, { annotationId: '1', zOrder: 3 }, { annotationId: '1', reviewed: false }],
    response: annotation,
  },
  'annotations:markReviewed': { valid: { imageId: 'img-1' }, invalid: [undefined, {}, { imageId: 1 }, { imageId: 'img-1', annotationIds: ['1'] }], response: { cleared: 3 } },
  'annotations:delete': {
    valid: { annotationIds: ['1', '2'] },
    invalid: [undefined, { annotationIds: [] }, { annotationIds: '1' }, { annotationIds: [1] }],
    response: { deleted: 2 },
  },
  'annotations:reorder': {
    valid: { imageId: 'img-1', annotationIds: ['2', '1'] },
    invalid: [undefined, { imageId: 'img-1' }, { annotationIds: ['1'] }, { imageId: 'img-1', annotationIds: [2, 1] }],
    response: { annotations: [annotation] },
  },
  'labels:list': { valid: undefined, invalid: noArgs, response: { labels: [label] } },
  'labels:add': {
    valid: { name: 'cat', color: '#00ff00', hotkey: 'c' },
    invalid: [undefined, {}, { name: '' }, { name: '   ' }, { name: 'cat', color: 'red' }, { name: 'cat', hotkey: '' }],
    response: label,
  },
  'labels:rename': { valid: { labelId: '1', name: 'dog' }, invalid: [undefined, { labelId: '1' }, { labelId: '1', name: '' }], response: label },
  'labels:recolour': {
    valid: { labelId: '1', color: '#123456' },
    invalid: [undefined, { labelId: '1' }, { labelId: '1', color: '#12345' }, { labelId: '1', color: 'blue' }],
    response: label,
  },
  'labels:setHotkey': { valid: { labelId: '1', hotkey: null }, invalid: [undefined, { labelId: '1' }, { labelId: '1', hotkey: 3 }], response: label },
  'labels:remove': {
    valid: { labelId: '1', cascade: true },
    invalid: [undefined, {}, { labelId: '1', cascade: true, reassignTo: '2' }, { labelId: '1', cascade: 'yes' }],
    response: { affected: 3 },
  },
  'history:undo': { valid: { scope: { imageId: 'img-1' } }, invalid: [undefined, {}, { scope: 'image' }, { scope: { imageId: '' } }], response: step },
  'history:redo': { valid: { scope: 'project' }, invalid: [undefined, {}, { scope: 'everything' }, { scope: { image: 'x' } }], response: step },
  'history:state': { valid: { scope: 'project' }, invalid: [undefined, { scope: null }], response: { undo: 'x', redo: null } },
  'export:start': {
    valid: { format: 'coco', cocoSeg: 'rle', onlyDone: true },
    invalid: [undefined, {}, { format: 'tfrecord' }, { format: 'coco', outDir: '/tmp/x' }, { format: 'coco', cocoSeg: 'mask' }],
    response: { exportId: 'e1', outDir: '/home/u/project/exports/coco-1' },
  },
  'export:cancel': { valid: { exportId: 'e1' }, invalid: [undefined, {}, { exportId: '' }], response: { cancelled: false } },
  ...autoFixtures,
};

/** Payloads every channel must refuse, on top of its own `invalid` list. */
export function malformed(channel: Channel): unknown[] {
  const valid: unknown = fixtures[channel].valid;
  const common: unknown[] = ['{', 42, [], () => 0];
  if (valid !== null && typeof valid === 'object') return [...common, { ...valid, unexpectedKey: 1 }, null];
  return [...common, { unexpectedKey: 1 }];
}
