import ort from 'onnxruntime-node';
import type { FamilyAdapter } from './family.js';
import { inputOf, missing } from './family.js';
import { hwcFloat } from './frames.js';
import { checkSam1Decoder, sam1DecoderHalf } from './sam1Decoder.js';

/**
 * SAM 1 / MobileSAM exported with samexporter `--use-preprocess` (Acly, AnyLabeling zips, X-AnyLabeling):
 * `input_image` [H,W,3] RGB 0..255 of the resized image; normalising and padding happen in the graph.
 */
export const sam1Hwc: FamilyAdapter = {
  id: 'sam1-hwc-preprocess-in-graph',
  label: 'SAM 1 encoder, HWC 0-255, normalised in the graph',
  preprocessVersion: 1,
  check(encoder, decoder) {
    const m = missing(encoder, 'encoder', ['input_image'], ['image_embeddings']);
    if (m) return m;
    const input = inputOf(encoder, 'input_image');
    if (input && input.dims.length !== 3) return `encoder input_image has rank ${input.dims.length}, expected [H,W,3]`;
    return checkSam1Decoder(decoder);
  },
  encoderFeeds: (image) => ({ input_image: new ort.Tensor('float32', hwcFloat(image), [image.height, image.width, 3]) }),
  ...sam1DecoderHalf,
};
