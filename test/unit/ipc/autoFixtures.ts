/** Fixtures of the `auto:*` channels (see fixtures.ts): one valid request, invalid ones, a response. */
import type { RequestIn, ResponseIn } from '../../../shared/ipc/api.js';

type AutoChannel = 'auto:start' | 'auto:cancel' | 'auto:results' | 'auto:accept' | 'auto:startBatch' | 'auto:listDetections' | 'auto:importBoxes';
type Fixture<C extends AutoChannel> = { readonly valid: RequestIn<C>; readonly invalid: readonly unknown[]; readonly response: ResponseIn<C> };

const record = {
  recordId: 'r1',
  segmentation: { size: [48, 64] as [number, number], counts: 'PPYo0' },
  area: 100,
  bbox: [1, 2, 10, 10] as [number, number, number, number],
  predicted_iou: 0.95,
  stability_score: 0.97,
  point_coords: [[4, 5]] as Array<[number, number]>,
  crop_box: [0, 0, 64, 48] as [number, number, number, number],
};
const annotation = {
  annotationId: '1',
  imageId: 'img-1',
  labelId: '1',
  rle: record.segmentation,
  area: 100,
  bbox: record.bbox,
  source: 'auto' as const,
  score: 0.95,
  stability: 0.97,
  attributes: {},
  zOrder: 0,
  review: null,
};

export const autoFixtures: { readonly [C in AutoChannel]: Fixture<C> } = {
  'auto:start': {
    valid: { imageId: 'img-1', params: { pointsPerSide: 16, predIouThresh: 0.8, duplicateStrategy: 'keep_largest', region: [0, 0, 10, 10] } },
    invalid: [
      undefined,
      {},
      { imageId: '' },
      { imageId: 'img-1', params: { pointsPerSide: 0 } },
      { imageId: 'img-1', params: { predIouThresh: 1.5 } },
      { imageId: 'img-1', params: { duplicateStrategy: 'keep_some' } },
      { imageId: 'img-1', params: { outputMode: 'binary_mask' } },
      { imageId: 'img-1', params: { pointGrids: [[0.5, 0.5]] } },
      { imageId: 'img-1', params: { region: [0, 0, 10] } },
      { path: '/etc/passwd' },
    ],
    response: { jobId: 'j1' },
  },
  'auto:cancel': { valid: { jobId: 'j1' }, invalid: [undefined, {}, { jobId: '' }, { jobId: 3 }], response: { cancelled: true } },
  'auto:results': {
    valid: { jobId: 'j1' },
    invalid: [undefined, {}, { jobId: '' }],
    response: { jobId: 'j1', imageId: 'img-1', width: 64, height: 48, records: [record], stats: { pointsTotal: 4, pointsSkipped: 0, decoderRuns: 1, totalMs: 12 } },
  },
  'auto:accept': {
    valid: { jobId: 'j1', recordIds: ['r1', 'r2'], labelId: '1' },
    invalid: [undefined, { jobId: 'j1', recordIds: [], labelId: '1' }, { jobId: 'j1', recordIds: ['r1'] }, { jobId: 'j1', recordIds: [1], labelId: '1' }, { jobId: 'j1', recordIds: ['r1'], labelId: '1', rle: 'x' }],
    response: { annotations: [annotation] },
  },
  'auto:startBatch': {
    valid: { imageIds: ['img-1', 'img-2'], labelId: '1', params: { pointsPerSide: 8 } },
    invalid: [undefined, {}, { imageIds: [] }, { imageIds: 'img-1' }, { imageIds: ['img-1'], labelId: '' }, { imageIds: ['img-1'], folder: '/tmp' }],
    response: { jobId: 'j2' },
  },
  'auto:listDetections': {
    valid: {},
    invalid: [undefined, { folder: '/tmp' }, { path: '../outside' }],
    response: { sources: [{ sourceId: 's1', name: 'labels/', kind: 'yolo' }] },
  },
  'auto:importBoxes': {
    valid: { sourceId: 's1', mode: 'best-of-3', labelFallback: 'object' },
    invalid: [
      undefined,
      {},
      { sourceId: 's1' },
      { sourceId: '', mode: 'single' },
      { sourceId: 's1', mode: 'best-of-5' },
      { sourceId: 's1', mode: 'single', labelFallback: '' },
      { sourceId: 's1', mode: 'single', path: '/etc/passwd' },
      { detections: '/tmp/boxes.json', mode: 'single' },
    ],
    response: { jobId: 'j3' },
  },
};
