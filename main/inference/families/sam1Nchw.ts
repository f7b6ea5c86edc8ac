import ort from 'onnxruntime-node';
import { IMG_SIZE } from '../../../shared/sam/constants.js';
import type { FamilyAdapter } from './family.js';
import { missing } from './family.js';
import { nchwNormalized, SAM_MEAN, SAM_STD } from './frames.js';
import { checkSam1Decoder, sam1DecoderHalf } from './sam1Decoder.js';

/**
 * labelme / osam quantized SAM: encoder input `x` [1,3,1024,1024], normalised with SAM's mean/std and
 * zero-padded bottom/right by the caller (osam _encoding.py); Meta's decoder.
 */
export const sam1Nchw: FamilyAdapter = {
  id: 'sam1-nchw-labelme',
  label: 'SAM 1 encoder, NCHW normalised outside the graph (labelme)',
  preprocessVersion: 1,
  check: (encoder, decoder) => missing(encoder, 'encoder', ['x'], ['image_embeddings']) ?? checkSam1Decoder(decoder),
  encoderFeeds: (image) => ({ x: new ort.Tensor('float32', nchwNormalized(image, IMG_SIZE, 1, SAM_MEAN, SAM_STD), [1, 3, IMG_SIZE, IMG_SIZE]) }),
  ...sam1DecoderHalf,
};
