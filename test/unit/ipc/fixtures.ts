/**
 * One valid request and some invalid ones per channel. Typed over every Channel, so a new contract
 * channel does not compile until it has fixtures here — and with them, the tests below cover it.
 */
import type { RequestIn, ResponseIn } from '../../../shared/ipc/api.js';
import type { Channel } from '../../../shared/ipc/contract.js';

interface ChannelFixture<C extends Channel> {
  readonly valid: RequestIn<C>;
  readonly invalid: readonly unknown[];
  readonly response: ResponseIn<C>;
}

const candidates = 3;
const lowResSize = 4;

export const fixtures: { readonly [C in Channel]: ChannelFixture<C> } = {
  'app:version': {
    valid: undefined,
    invalid: [{}, 'x', { version: '1' }],
    response: { name: 'samlabel', version: '0.1.0' },
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
      lowResLogits: new Float32Array(candidates * lowResSize * lowResSize),
      lowResSize,
      maskInputIds: ['m1', 'm2', 'm3'],
    },
  },
  'project:open': {
    valid: { path: '/home/u/project' },
    invalid: [undefined, {}, { path: '' }, { path: 42 }],
    response: { projectId: 'p1', name: 'project', imageCount: 2 },
  },
  'project:listImages': {
    valid: { offset: 0, limit: 100 },
    invalid: [undefined, { offset: -1, limit: 10 }, { offset: 0, limit: 0 }, { offset: 0, limit: 100_000 }, { offset: 0.5, limit: 10 }],
    response: { total: 1, images: [{ imageId: 'img-1', fileName: 'a.jpg', width: 640, height: 480, annotationCount: 0 }] },
  },
};
