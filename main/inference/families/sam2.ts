import ort from 'onnxruntime-node';
import { IMG_SIZE, LOW_RES_SIZE } from '../../../shared/sam/constants.js';
import type { DecoderFeeds } from '../../../shared/sam/decoderFeeds.js';
import type { Size } from '../../../shared/sam/coords.js';
import type { EmbeddingPart, FamilyAdapter, GraphInfo } from './family.js';
import { allOrBest, hasInput, hasOutput, inputOf, missing } from './family.js';
import { hwcToNormalizedNchw, IMAGENET_MEAN, IMAGENET_STD, paddedToStretched, pointsToStretched, stretchedToPadded, stretchHwc, withoutPadding } from './frames.js';

/**
 * SAM 2 / 2.1: the image is stretched to S×S (aspect not kept) and normalised with ImageNet mean/std by the
 * caller; the encoder returns the image embedding plus two high-resolution feature maps the decoder also
 * takes. Points go in the stretched frame (x·S/W, y·S/H); low-res logits come back over it and are
 * resampled to the engine's frame. Two exports differ only in names: samexporter's and osam's.
 */
interface Sam2Names {
  readonly encoderInput: string;
  /** Encoder outputs for [embed, high-res 0, high-res 1]; null = by position (osam does not name them). */
  readonly encoderOutputs: readonly [string, string, string] | null;
  readonly decoderInputs: readonly [string, string, string];
}

const DEFAULT_DIMS = [
  [1, 256, 64, 64],
  [1, 32, 256, 256],
  [1, 64, 128, 128],
];
const PROMPT_IN = ['point_coords', 'point_labels', 'mask_input', 'has_mask_input'];

function side(encoder: GraphInfo, names: Sam2Names): number {
  const d = inputOf(encoder, names.encoderInput)?.dims[3];
  return typeof d === 'number' ? d : IMG_SIZE;
}

function parts(encoder: GraphInfo, names: Sam2Names): EmbeddingPart[] {
  const outs = names.encoderOutputs ?? encoder.outputs.slice(0, 3).map((o) => o.name);
  return outs.map((output, k) => {
    const declared = encoder.outputs.find((o) => o.name === output)?.dims ?? [];
    const dims = declared.length === 4 && declared.every((d) => typeof d === 'number') ? (declared as number[]) : DEFAULT_DIMS[k];
    return { output, feedAs: names.decoderInputs[k], dims };
  });
}

/** Exports with `orig_im_size` follow SamPredictor (the caller always appends a padding point); samexporter's graph appends its own. */
function promptPoints(feeds: DecoderFeeds, decoder: GraphInfo): { coords: Float32Array; labels: Float32Array; n: number } {
  const p = withoutPadding(feeds.point_coords, feeds.point_labels);
  if (!hasInput(decoder, 'orig_im_size')) return p;
  return { coords: Float32Array.from([...p.coords, 0, 0]), labels: Float32Array.from([...p.labels, -1]), n: p.n + 1 };
}

function origImSize(origSize: Size, dtype: string): ort.Tensor {
  if (dtype === 'int64') return new ort.Tensor('int64', BigInt64Array.from([BigInt(origSize.height), BigInt(origSize.width)]), [2]);
  if (dtype === 'int32') return new ort.Tensor('int32', Int32Array.from([origSize.height, origSize.width]), [2]);
  return new ort.Tensor('float32', Float32Array.from([origSize.height, origSize.width]), [2]);
}

function makeSam2(id: string, label: string, names: Sam2Names): FamilyAdapter {
  return {
    id,
    label,
    preprocessVersion: 1,
    supportsMaskInput: true,
    check(encoder, decoder) {
      const outs = names.encoderOutputs ?? [];
      const m = missing(encoder, 'encoder', [names.encoderInput], [...outs]) ?? missing(decoder, 'decoder', [...names.decoderInputs, ...PROMPT_IN]);
      if (m) return m;
      if (!names.encoderOutputs && encoder.outputs.length < 3) return 'encoder returns fewer than 3 outputs (embedding + 2 high-res features)';
      return null;
    },
    encoderFeeds(image) {
      return { [names.encoderInput]: new ort.Tensor('float32', hwcToNormalizedNchw(stretchHwc(image, IMG_SIZE), IMG_SIZE, 1 / 255, IMAGENET_MEAN, IMAGENET_STD), [1, 3, IMG_SIZE, IMG_SIZE]) };
    },
    embeddingParts: (encoder) => parts(encoder, names),
    decoderOutputs(decoder) {
      const iou = hasOutput(decoder, 'iou_predictions') ? 'iou_predictions' : (decoder.outputs[1]?.name ?? 'scores');
      const lowRes = hasOutput(decoder, 'low_res_masks') ? 'low_res_masks' : decoder.outputs.length >= 3 ? decoder.outputs[2].name : 'masks';
      return { iou, lowRes };
    },
    decoderFeeds(embedding, feeds, decoder) {
      const p = promptPoints(feeds, decoder);
      const s = IMG_SIZE;
      const mask = feeds.has_mask_input[0] > 0 ? paddedToStretched(feeds.mask_input, 1, LOW_RES_SIZE, feeds.origSize) : feeds.mask_input;
      const t: Record<string, ort.Tensor> = {
        point_coords: new ort.Tensor('float32', pointsToStretched(p.coords, feeds.origSize, s), [1, p.n, 2]),
        point_labels: new ort.Tensor('float32', p.labels, [1, p.n]),
        mask_input: new ort.Tensor('float32', mask, [1, 1, LOW_RES_SIZE, LOW_RES_SIZE]),
        has_mask_input: new ort.Tensor('float32', feeds.has_mask_input, [1]),
      };
      names.decoderInputs.forEach((name, k) => {
        const declared = inputOf(decoder, name)?.dims ?? [];
        const dims = declared.length === 4 && declared.every((d) => typeof d === 'number') ? (declared as number[]) : DEFAULT_DIMS[k];
        t[name] = new ort.Tensor('float32', embedding[k], dims);
      });
      const orig = inputOf(decoder, 'orig_im_size');
      if (orig) t.orig_im_size = origImSize(feeds.origSize, orig.dtype);
      return t;
    },
    lowResToEngine: (planes, count, origSize) => stretchedToPadded(planes, count, LOW_RES_SIZE, origSize),
    select: allOrBest,
  };
}

export const sam2Samexporter = makeSam2('sam2-samexporter', 'SAM 2 / 2.1 (samexporter export)', {
  encoderInput: 'image',
  encoderOutputs: ['image_embed', 'high_res_feats_0', 'high_res_feats_1'],
  decoderInputs: ['image_embed', 'high_res_feats_0', 'high_res_feats_1'],
});

export const sam2Osam = makeSam2('sam2-osam', 'SAM 2.1 (osam export)', {
  encoderInput: 'input',
  encoderOutputs: null,
  decoderInputs: ['image_embeddings', 'high_res_features1', 'high_res_features2'],
});
