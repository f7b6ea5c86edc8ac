import { SamlabelError } from '../../../shared/errors.js';
import { edgeSamOfficial, edgeSamXAnyLabeling } from './edgeSam.js';
import { efficientSam } from './efficientSam.js';
import type { FamilyAdapter, GraphInfo } from './family.js';
import { describeTensors } from './graphInfo.js';
import { sam1Hwc } from './sam1Hwc.js';
import { sam1Nchw } from './sam1Nchw.js';
import { sam2Osam, sam2Samexporter } from './sam2.js';

export type { FamilyAdapter, GraphInfo } from './family.js';

/** Every supported export contract; the catalog's `contract` values must all be here (tested). */
export const FAMILIES: readonly FamilyAdapter[] = [sam1Hwc, sam1Nchw, edgeSamOfficial, edgeSamXAnyLabeling, efficientSam, sam2Samexporter, sam2Osam];

export const FAMILY_IDS = FAMILIES.map((f) => f.id);

export function familyById(id: string): FamilyAdapter {
  const family = FAMILIES.find((f) => f.id === id);
  if (!family) throw new SamlabelError('BadInput', `unknown model family "${id}" (known: ${FAMILY_IDS.join(', ')})`);
  return family;
}

const DECODER_MARKS = ['point_coords', 'batched_point_coords'];

/** A pair given the wrong way round, or two encoders / two decoders: said before any family is tried. */
function pairProblem(encoder: GraphInfo, decoder: GraphInfo): string | null {
  const isDecoder = (g: GraphInfo) => g.inputs.some((t) => DECODER_MARKS.includes(t.name));
  if (isDecoder(encoder) && !isDecoder(decoder)) return 'the encoder and decoder are swapped: give <encoder.onnx>,<decoder.onnx> in that order';
  if (isDecoder(encoder)) return 'both files are decoders: the first must be the image encoder';
  if (!isDecoder(decoder)) return 'both files are encoders: the second must be the prompt decoder';
  return null;
}

/** The embedding the encoder declares must be the one the decoder takes (e.g. a ViT-H encoder with a SAM 2 decoder). */
function shapeProblem(family: FamilyAdapter, encoder: GraphInfo, decoder: GraphInfo): string | null {
  for (const part of family.embeddingParts(encoder)) {
    const out = encoder.outputs.find((o) => o.name === part.output)?.dims;
    const inp = decoder.inputs.find((i) => i.name === part.feedAs)?.dims;
    if (!out || !inp || out.length !== inp.length) continue;
    const clash = out.some((d, k) => d !== null && inp[k] !== null && d !== inp[k]);
    if (clash) return `encoder ${part.output} [${out.map((d) => d ?? '?').join(',')}] does not fit decoder ${part.feedAs} [${inp.map((d) => d ?? '?').join(',')}]: not a matching pair`;
  }
  return null;
}

/** Which family a pair of graphs belongs to, from input/output names, dtypes and shapes; one clear line when none. */
export function detectFamily(encoder: GraphInfo, decoder: GraphInfo, wanted?: string): FamilyAdapter {
  const pair = pairProblem(encoder, decoder);
  if (pair) throw new SamlabelError('ModelInvalid', pair);
  const candidates = wanted ? [familyById(wanted)] : FAMILIES;
  const reasons: string[] = [];
  for (const family of candidates) {
    const why = family.check(encoder, decoder);
    const shape = why ? null : shapeProblem(family, encoder, decoder);
    // The names fit this family but the tensors do not: that is the one line worth saying.
    if (shape) throw new SamlabelError('ModelInvalid', shape);
    if (!why) return family;
    reasons.push(`${family.id}: ${why}`);
  }
  if (wanted) throw new SamlabelError('ModelInvalid', `not a ${wanted} pair: ${reasons[0].slice(wanted.length + 2)}`);
  throw new SamlabelError(
    'ModelInvalid',
    `no known SAM family matches (encoder inputs ${describeTensors(encoder.inputs)}; decoder inputs ${describeTensors(decoder.inputs)})`,
  );
}
