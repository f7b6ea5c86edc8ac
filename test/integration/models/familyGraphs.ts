import onnxProto from 'onnx-proto';
import { GraphBuilder } from '../../helpers/onnxBuilder.js';
import { discDecoder, meanEncoder } from '../../helpers/tinyModels.js';

/**
 * Tiny encoder/decoder pairs carrying each family's exact input/output names, dtypes and shapes. Every
 * decoder draws discs around its first point IN ITS OWN FRAME (resized, padded, or stretched square), so a
 * correct adapter returns discs centred on the click in original pixels; a wrong frame, a wrong dtype or a
 * padding point where the family takes none (or a missing one where it takes one) moves or erases them.
 */
const { onnx } = onnxProto;
const UINT8 = onnx.TensorProto.DataType.UINT8;
const INT64 = onnx.TensorProto.DataType.INT64;

export const RADII3 = [0.03, 0.06, 0.1];
export const RADII4 = [0.05, 0.03, 0.06, 0.1];

function retype(bytes: Uint8Array, types: Record<string, number>): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  for (const input of model.graph?.input ?? []) {
    const t = input.type?.tensorType;
    if (t && input.name && types[input.name] !== undefined) t.elemType = types[input.name];
  }
  return onnx.ModelProto.encode(model).finish();
}

/** Encoder: input as the family declares it, every output a constant of its declared shape. */
function encoder(input: string, dims: Array<number | string>, outputs: Array<[string, number[]]>, dtype?: number): Uint8Array {
  const g = new GraphBuilder();
  g.input(input, dims);
  const asFloat = dtype === UINT8 ? g.op('Cast', [input], { to: 1 }) : input;
  const mean = g.op('ReduceMean', [asFloat], { keepdims: 0 });
  for (const [name, shape] of outputs) g.output(name, shape, g.op('Expand', [mean, g.constInt(shape)]));
  const bytes = g.build();
  return dtype === undefined ? bytes : retype(bytes, { [input]: dtype });
}

interface Scale {
  /** frame px → resized-image px, per axis ([1] tensors). */
  ax: string;
  ay: string;
}

/** radii × 1024 resized px around point 0, sampled at the 256² cell centres of the family's frame. */
function discLogits(g: GraphBuilder, coords: string, pointAxis: number, s: Scale, radii: number[]): string {
  const j = g.op('Range', [g.constFloat([0], []), g.constFloat([256], []), g.constFloat([1], [])]);
  const centre = g.op('Mul', [g.op('Add', [j, g.constFloat([0.5], [])]), g.constFloat([4], [])]);
  const cx = g.op('Unsqueeze', [g.op('Mul', [centre, s.ax]), g.constInt([0])]);
  const cy = g.op('Unsqueeze', [g.op('Mul', [centre, s.ay]), g.constInt([1])]);
  const p = g.op('Gather', [coords, g.constInt([0], [])], { axis: pointAxis });
  const flat = g.op('Reshape', [p, g.constInt([2])]);
  const px = g.op('Mul', [g.op('Gather', [flat, g.constInt([0], [])], { axis: 0 }), s.ax]);
  const py = g.op('Mul', [g.op('Gather', [flat, g.constInt([1], [])], { axis: 0 }), s.ay]);
  const dx = g.op('Sub', [cx, px]);
  const dy = g.op('Sub', [cy, py]);
  const dist = g.op('Sqrt', [g.op('Add', [g.op('Mul', [dx, dx]), g.op('Mul', [dy, dy])])]);
  const r = g.constFloat(radii.map((v) => v * 1024), [radii.length, 1, 1]);
  return g.op('Unsqueeze', [g.op('Sub', [r, dist]), g.constInt([0])]);
}

/** Subtracts 1e4 unless the labels hold exactly `pads` padding (-1) entries. */
function padGuard(g: GraphBuilder, logits: string, labels: string, pads: number): string {
  const isPad = g.op('Cast', [g.op('Equal', [labels, g.constFloat([-1], [])])], { to: 1 });
  const count = g.op('ReduceSum', [isPad], { keepdims: 0 });
  const off = g.op('Abs', [g.op('Sub', [count, g.constFloat([pads], [])])]);
  return g.op('Sub', [logits, g.op('Mul', [off, g.constFloat([1e4], [])])]);
}

const one = (g: GraphBuilder) => g.constFloat([1], []);

/** mask_input echo (as the SAM 1 test decoders do): with has_mask_input = 1 every candidate is the given mask. */
function echoMask(g: GraphBuilder, logits: string): string {
  const notHas = g.op('Sub', [one(g), 'has_mask_input']);
  return g.op('Add', [g.op('Mul', ['has_mask_input', 'mask_input']), g.op('Mul', [notHas, logits])]);
}

export interface FamilyPair {
  readonly family: string;
  readonly encoder: Uint8Array;
  readonly decoder: Uint8Array;
  /** Decoder output indices the engine returns for a multimask click, and the radius of each. */
  readonly indices: number[];
  readonly radii: number[];
  /** SAM 2 samexporter squashes the image: its discs are ellipses in original pixels. */
  readonly round: boolean;
  readonly maskInput: boolean;
}

const EMB: Array<[string, number[]]> = [['image_embeddings', [1, 256, 64, 64]]];

function edgeDecoder(): Uint8Array {
  const g = new GraphBuilder();
  g.input('image_embeddings', [1, 256, 64, 64]);
  g.input('point_coords', [1, 'num_points', 2]);
  g.input('point_labels', [1, 'num_points']);
  const s = { ax: one(g), ay: one(g) };
  const logits = padGuard(g, discLogits(g, 'point_coords', 1, s, RADII4), 'point_labels', 0);
  g.output('scores', [1, 4], g.constFloat([0.5, 0.7, 0.9, 0.8], [1, 4]));
  g.output('masks', [1, 4, 256, 256], logits);
  return g.build();
}

function efficientDecoder(): Uint8Array {
  const g = new GraphBuilder();
  g.input('image_embeddings', ['B', 256, 64, 64]);
  g.input('batched_point_coords', ['B', 'Q', 'N', 2]);
  g.input('batched_point_labels', ['B', 'Q', 'N']);
  g.input('orig_im_size', [2]);
  const size = g.op('Cast', ['orig_im_size'], { to: 1 });
  const h = g.op('Gather', [size, g.constInt([0], [])]);
  const w = g.op('Gather', [size, g.constInt([1], [])]);
  const k = g.constFloat([1024], []);
  const s = { ax: g.op('Div', [w, k]), ay: g.op('Div', [h, k]) };
  const coords = g.op('Reshape', ['batched_point_coords', g.constInt([1, -1, 2])]);
  // Stretched-frame centres: the point is in resized px, so it is divided back by the scale first.
  const framed = g.op('Div', [coords, g.op('Concat', [g.op('Unsqueeze', [s.ax, g.constInt([0])]), g.op('Unsqueeze', [s.ay, g.constInt([0])])], { axis: 0 })]);
  const logits = padGuard(g, discLogits(g, framed, 1, s, RADII3), 'batched_point_labels', 0);
  g.output('output_masks', ['B', 'Q', 3, 'H', 'W'], g.op('Unsqueeze', [logits, g.constInt([0])]));
  g.output('iou_predictions', ['B', 'Q', 3], g.constFloat([0.6, 0.9, 0.7], [1, 1, 3]));
  g.output('onnx::Shape_1234', ['B*Q', 3, 256, 256], logits);
  return retype(g.build(), { orig_im_size: INT64 });
}

const SAM2_ENC: Array<[string, number[]]> = [
  ['high_res_feats_0', [1, 32, 256, 256]],
  ['high_res_feats_1', [1, 64, 128, 128]],
  ['image_embed', [1, 256, 64, 64]],
];

function sam2Decoder(names: [string, string, string], withOrig: boolean): Uint8Array {
  const g = new GraphBuilder();
  const dims = [
    [1, 256, 64, 64],
    [1, 32, 256, 256],
    [1, 64, 128, 128],
  ];
  names.forEach((n, i) => g.input(n, dims[i]));
  for (const [n, d] of [['point_coords', [1, 'N', 2]], ['point_labels', [1, 'N']], ['mask_input', [1, 1, 256, 256]], ['has_mask_input', [1]]] as const) g.input(n, [...d]);
  let s = { ax: one(g), ay: one(g) };
  if (withOrig) {
    g.input('orig_im_size', [2]);
    const size = g.op('Cast', ['orig_im_size'], { to: 1 });
    const h = g.op('Gather', [size, g.constInt([0], [])]);
    const w = g.op('Gather', [size, g.constInt([1], [])]);
    const m = g.op('Max', [h, w]);
    s = { ax: g.op('Div', [w, m]), ay: g.op('Div', [h, m]) };
  }
  // samexporter's graph appends its own padding point (the caller sends none); osam-style takes the caller's one.
  const logits = echoMask(g, padGuard(g, discLogits(g, 'point_coords', 1, s, RADII3), 'point_labels', withOrig ? 1 : 0));
  const scores = g.constFloat([0.6, 0.9, 0.7], [1, 3]);
  if (withOrig) {
    g.output('masks', [1, 3, 'H', 'W'], logits);
    g.output('scores', [1, 3], scores);
    g.output('low_res', [1, 3, 256, 256], logits);
    return retype(g.build(), { orig_im_size: INT64 });
  }
  g.output('masks', [1, 3, 256, 256], logits);
  g.output('iou_predictions', [1, 3], scores);
  return g.build();
}

function nchwEncoder(input: string, outputs: Array<[string, number[]]>): Uint8Array {
  return encoder(input, [1, 3, 1024, 1024], outputs);
}

export function familyPairs(): FamilyPair[] {
  const sam1 = { indices: [1, 2, 3], radii: RADII4.slice(1), round: true, maskInput: true };
  const multi3 = { indices: [0, 1, 2], radii: RADII3 };
  return [
    { family: 'sam1-hwc-preprocess-in-graph', encoder: meanEncoder(), decoder: discDecoder(), ...sam1 },
    { family: 'sam1-nchw-labelme', encoder: nchwEncoder('x', EMB), decoder: discDecoder(), ...sam1 },
    { family: 'edgesam-official', encoder: nchwEncoder('image', EMB), decoder: edgeDecoder(), ...sam1, maskInput: false },
    { family: 'edgesam-xanylabeling', encoder: encoder('input_image', [1, 3, 'H', 'W'], EMB, UINT8), decoder: edgeDecoder(), ...sam1, maskInput: false },
    { family: 'efficientsam', encoder: encoder('batched_images', ['B', 3, 'H', 'W'], EMB), decoder: efficientDecoder(), ...multi3, round: true, maskInput: false },
    { family: 'sam2-samexporter', encoder: nchwEncoder('image', SAM2_ENC), decoder: sam2Decoder(['image_embed', 'high_res_feats_0', 'high_res_feats_1'], false), ...multi3, round: false, maskInput: true },
    {
      family: 'sam2-osam',
      encoder: nchwEncoder('input', [['enc_out_0', [1, 256, 64, 64]], ['enc_out_1', [1, 32, 256, 256]], ['enc_out_2', [1, 64, 128, 128]]]),
      decoder: sam2Decoder(['image_embeddings', 'high_res_features1', 'high_res_features2'], true),
      ...multi3,
      round: true,
      maskInput: true,
    },
  ];
}
