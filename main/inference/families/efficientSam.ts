import ort from 'onnxruntime-node';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { FamilyAdapter, GraphInfo } from './family.js';
import { allOrBest, missing } from './family.js';
import { LOW_RES_SIZE } from '../../../shared/sam/constants.js';
import { nchwPlanes, resizedSize, stretchedToPadded, withoutPadding } from './frames.js';
import { EMBEDDING_DIMS } from './sam1Decoder.js';

/**
 * EfficientSAM (yformer/EfficientSAM export_to_onnx.py): the encoder takes RGB 0..1 NCHW of any size and
 * stretches it to 1024² itself; the decoder takes points in pixels of the encoder's input image (the
 * engine's resized frame, unchanged), pads to 6 points itself, and returns 3 unsorted masks. Its low-res
 * output is unnamed by the export: it is whichever output is not `output_masks` / `iou_predictions`.
 */
const DECODER_IN = ['image_embeddings', 'batched_point_coords', 'batched_point_labels', 'orig_im_size'];

function lowResName(decoder: GraphInfo): string {
  return decoder.outputs.find((o) => o.name !== 'output_masks' && o.name !== 'iou_predictions')?.name ?? 'low_res_masks';
}

function decoderFeeds(parts: readonly Float32Array[], feeds: DecoderFeeds): Record<string, ort.Tensor> {
  const p = withoutPadding(feeds.point_coords, feeds.point_labels);
  const r = resizedSize(feeds.origSize);
  return {
    image_embeddings: new ort.Tensor('float32', parts[0], EMBEDDING_DIMS),
    batched_point_coords: new ort.Tensor('float32', p.coords, [1, 1, p.n, 2]),
    batched_point_labels: new ort.Tensor('float32', p.labels, [1, 1, p.n]),
    orig_im_size: new ort.Tensor('int64', BigInt64Array.from([BigInt(r.height), BigInt(r.width)]), [2]),
  };
}

export const efficientSam: FamilyAdapter = {
  id: 'efficientsam',
  label: 'EfficientSAM',
  preprocessVersion: 1,
  supportsMaskInput: false,
  check(encoder, decoder) {
    const m = missing(encoder, 'encoder', ['batched_images'], ['image_embeddings']) ?? missing(decoder, 'decoder', DECODER_IN, ['iou_predictions']);
    if (m) return m;
    return decoder.outputs.length >= 3 ? null : 'decoder has no low-res mask output';
  },
  encoderFeeds: (image) => ({
    batched_images: new ort.Tensor('float32', nchwPlanes(image, new Float32Array(3 * image.width * image.height), 1 / 255), [1, 3, image.height, image.width]),
  }),
  embeddingParts: () => [{ output: 'image_embeddings', feedAs: 'image_embeddings', dims: EMBEDDING_DIMS }],
  decoderOutputs: (decoder) => ({ iou: 'iou_predictions', lowRes: lowResName(decoder) }),
  decoderFeeds,
  lowResToEngine: (planes, count, origSize) => stretchedToPadded(planes, count, LOW_RES_SIZE, origSize),
  select: allOrBest,
};
