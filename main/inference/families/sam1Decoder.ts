import ort from 'onnxruntime-node';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import { missing, sam1Select, type DecoderOutputs, type EmbeddingPart, type FamilyAdapter, type GraphInfo } from './family.js';

/** Meta's SamOnnxModel decoder (scripts/export_onnx_model.py): shared by every SAM 1 style encoder. */
export const SAM1_DECODER_IN = ['image_embeddings', 'point_coords', 'point_labels', 'mask_input', 'has_mask_input', 'orig_im_size'];
export const SAM1_DECODER_OUT: DecoderOutputs = { iou: 'iou_predictions', lowRes: 'low_res_masks' };
export const EMBEDDING_DIMS = [1, 256, 64, 64];

export function sam1DecoderTensors(embedding: Float32Array, feeds: DecoderFeeds): Record<string, ort.Tensor> {
  const n = feeds.numPoints;
  const s = Math.round(Math.sqrt(feeds.mask_input.length));
  return {
    image_embeddings: new ort.Tensor('float32', embedding, EMBEDDING_DIMS),
    point_coords: new ort.Tensor('float32', feeds.point_coords, [1, n, 2]),
    point_labels: new ort.Tensor('float32', feeds.point_labels, [1, n]),
    mask_input: new ort.Tensor('float32', feeds.mask_input, [1, 1, s, s]),
    has_mask_input: new ort.Tensor('float32', feeds.has_mask_input, [1]),
    orig_im_size: new ort.Tensor('float32', feeds.orig_im_size, [2]),
  };
}

/** The decoder half of a SAM 1 adapter; the encoder half differs per export. */
export const sam1DecoderHalf: Pick<FamilyAdapter, 'supportsMaskInput' | 'embeddingParts' | 'decoderOutputs' | 'decoderFeeds' | 'lowResToEngine' | 'select'> = {
  supportsMaskInput: true,
  embeddingParts: (): EmbeddingPart[] => [{ output: 'image_embeddings', feedAs: 'image_embeddings', dims: EMBEDDING_DIMS }],
  decoderOutputs: () => SAM1_DECODER_OUT,
  decoderFeeds: (parts, feeds) => sam1DecoderTensors(parts[0], feeds),
  lowResToEngine: (planes) => planes,
  select: sam1Select,
};

export function checkSam1Decoder(decoder: GraphInfo): string | null {
  return missing(decoder, 'decoder', SAM1_DECODER_IN, [SAM1_DECODER_OUT.iou, SAM1_DECODER_OUT.lowRes]);
}
