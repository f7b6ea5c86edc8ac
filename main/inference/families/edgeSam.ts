import ort from 'onnxruntime-node';
import { IMG_SIZE } from '../../../shared/sam/constants.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { FamilyAdapter } from './family.js';
import { inputOf, missing, sam1Select } from './family.js';
import { nchwNormalized, nchwPlanes, SAM_MEAN, SAM_STD, withoutPadding } from './frames.js';
import { EMBEDDING_DIMS } from './sam1Decoder.js';

/**
 * EdgeSAM (chongzhou96/EdgeSAM scripts/export_onnx_model.py): the decoder takes points only (no mask_input,
 * no orig_im_size, no padding point) and returns `scores` [1,4] and low-res `masks` [1,4,256,256] over the
 * padded frame, i.e. the engine's frame. NTU S-Lab licence: non-commercial.
 */
const DECODER_IN = ['image_embeddings', 'point_coords', 'point_labels'];

function edgeDecoderFeeds(parts: readonly Float32Array[], feeds: DecoderFeeds): Record<string, ort.Tensor> {
  const p = withoutPadding(feeds.point_coords, feeds.point_labels);
  return {
    image_embeddings: new ort.Tensor('float32', parts[0], EMBEDDING_DIMS),
    point_coords: new ort.Tensor('float32', p.coords, [1, p.n, 2]),
    point_labels: new ort.Tensor('float32', p.labels, [1, p.n]),
  };
}

const decoderHalf: Pick<FamilyAdapter, 'supportsMaskInput' | 'embeddingParts' | 'decoderOutputs' | 'decoderFeeds' | 'lowResToEngine' | 'select'> = {
  supportsMaskInput: false,
  embeddingParts: () => [{ output: 'image_embeddings', feedAs: 'image_embeddings', dims: EMBEDDING_DIMS }],
  decoderOutputs: () => ({ iou: 'scores', lowRes: 'masks' }),
  decoderFeeds: edgeDecoderFeeds,
  lowResToEngine: (planes) => planes,
  select: sam1Select,
};

const checkDecoder = (decoder: Parameters<FamilyAdapter['check']>[1]) => missing(decoder, 'decoder', DECODER_IN, ['scores', 'masks']);

/** Official export: `image` [1,3,1024,1024], normalised and padded by the caller. */
export const edgeSamOfficial: FamilyAdapter = {
  id: 'edgesam-official',
  label: 'EdgeSAM (official export)',
  preprocessVersion: 1,
  check(encoder, decoder) {
    const m = missing(encoder, 'encoder', ['image'], ['image_embeddings']);
    if (m) return m;
    if (inputOf(encoder, 'image')?.dtype !== 'float32') return 'encoder input image is not float32';
    return checkDecoder(decoder);
  },
  encoderFeeds: (image) => ({ image: new ort.Tensor('float32', nchwNormalized(image, IMG_SIZE, 1, SAM_MEAN, SAM_STD), [1, 3, IMG_SIZE, IMG_SIZE]) }),
  ...decoderHalf,
};

/** X-AnyLabeling's export of the same weights: `input_image` uint8 [1,3,H,W] of the resized image; the graph normalises and pads. */
export const edgeSamXAnyLabeling: FamilyAdapter = {
  id: 'edgesam-xanylabeling',
  label: 'EdgeSAM (X-AnyLabeling export, uint8 input)',
  preprocessVersion: 1,
  check(encoder, decoder) {
    const m = missing(encoder, 'encoder', ['input_image'], ['image_embeddings']);
    if (m) return m;
    const input = inputOf(encoder, 'input_image');
    if (input?.dtype !== 'uint8' || input.dims.length !== 4) return 'encoder input_image is not uint8 [1,3,H,W]';
    return checkDecoder(decoder);
  },
  encoderFeeds: (image) => ({
    input_image: new ort.Tensor('uint8', nchwPlanes(image, new Uint8Array(3 * image.width * image.height)), [1, 3, image.height, image.width]),
  }),
  ...decoderHalf,
};
