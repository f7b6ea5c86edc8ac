import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from './onnxBuilder.js';

/**
 * Test models with outputs known by construction, using the official SAM ONNX contracts.
 * Each decoder works out, inside the graph, where every low-res cell lands in ORIGINAL pixels
 * (inverse of resizeLongestSide and of SAM's postprocess_masks), so a correct pipeline returns
 * masks whose geometry the test can predict in original pixels.
 */

const DECODER_INPUTS: Array<[string, Array<number | string>]> = [
  ['image_embeddings', [1, 256, 64, 64]],
  ['point_coords', [1, 'num_points', 2]],
  ['point_labels', [1, 'num_points']],
  ['mask_input', [1, 1, 256, 256]],
  ['has_mask_input', [1]],
  ['orig_im_size', [2]],
];

interface Frame {
  /** [1,256] original-pixel x of each low-res column centre. */
  cx: string;
  /** [256,1] original-pixel y of each low-res row centre. */
  cy: string;
  sx: string;
  sy: string;
  maxSide: string;
}

function frame(g: GraphBuilder): Frame {
  const H = g.op('Gather', ['orig_im_size', g.constInt([0], [])]);
  const W = g.op('Gather', ['orig_im_size', g.constInt([1], [])]);
  const maxSide = g.op('Max', [H, W]);
  const s = g.op('Div', [g.constFloat([1024], []), maxSide]);
  const half = g.constFloat([0.5], []);
  const newH = g.op('Floor', [g.op('Add', [g.op('Mul', [H, s]), half])]);
  const newW = g.op('Floor', [g.op('Add', [g.op('Mul', [W, s]), half])]);
  const sy = g.op('Div', [newH, H]);
  const sx = g.op('Div', [newW, W]);
  const j = g.op('Range', [g.constFloat([0], []), g.constFloat([256], []), g.constFloat([1], [])]);
  const centre = g.op('Mul', [g.op('Add', [j, half]), g.constFloat([4], [])]);
  const toOrig = (scale: string): string => g.op('Sub', [g.op('Div', [centre, scale]), half]);
  const cx = g.op('Unsqueeze', [toOrig(sx), g.constInt([0])]);
  const cy = g.op('Unsqueeze', [toOrig(sy), g.constInt([1])]);
  return { cx, cy, sx, sy, maxSide };
}

/** Point k of point_coords (negative k counts from the end) in original pixels: [x], [y]. */
function pointInOrig(g: GraphBuilder, f: Frame, k: number): { x: string; y: string } {
  const p = g.op('Gather', ['point_coords', g.constInt([k], [])], { axis: 1 });
  const x = g.op('Gather', [p, g.constInt([0], [])], { axis: 1 });
  const y = g.op('Gather', [p, g.constInt([1], [])], { axis: 1 });
  return { x: g.op('Div', [x, f.sx]), y: g.op('Div', [y, f.sy]) };
}

function addOutputs(g: GraphBuilder, logits4: string, scores: number[]): void {
  // mask_input echo: with has_mask_input = 1 every candidate is the given mask, proving the refinement path.
  const has = 'has_mask_input';
  const notHas = g.op('Sub', [g.constFloat([1], []), has]);
  const mixed = g.op('Add', [g.op('Mul', [has, 'mask_input']), g.op('Mul', [notHas, logits4])]);
  const n = scores.length;
  g.output('low_res_masks', [1, n, 256, 256], mixed);
  g.output('iou_predictions', [1, n], g.constFloat(scores, [1, n]));
  g.output('masks', [1, n, 'H', 'W'], mixed);
}

/** Candidate k is a disc of radius radii[k] × max(H, W) around the first point, in original pixels. */
export function discDecoder(radii = [0.05, 0.03, 0.06, 0.1], scores = [0.5, 0.7, 0.9, 0.8]): Uint8Array {
  const g = new GraphBuilder();
  for (const [name, dims] of DECODER_INPUTS) g.input(name, dims);
  const f = frame(g);
  const p = pointInOrig(g, f, 0);
  const dx = g.op('Sub', [f.cx, p.x]);
  const dy = g.op('Sub', [f.cy, p.y]);
  const dist = g.op('Sqrt', [g.op('Add', [g.op('Mul', [dx, dx]), g.op('Mul', [dy, dy])])]);
  const r = g.op('Mul', [g.constFloat(radii, [radii.length, 1, 1]), f.maxSide]);
  const logits = g.op('Unsqueeze', [g.op('Sub', [r, dist]), g.constInt([0])]);
  addOutputs(g, logits, scores);
  return g.build();
}

/** Every candidate fills the prompt box (the last two points, labels 2/3), in original pixels. */
export function boxDecoder(scores = [0.9, 0.6, 0.7, 0.8]): Uint8Array {
  const g = new GraphBuilder();
  for (const [name, dims] of DECODER_INPUTS) g.input(name, dims);
  const f = frame(g);
  const a = pointInOrig(g, f, -2);
  const b = pointInOrig(g, f, -1);
  const inside = g.op('Min', [
    g.op('Sub', [f.cx, a.x]),
    g.op('Sub', [b.x, f.cx]),
    g.op('Sub', [f.cy, a.y]),
    g.op('Sub', [b.y, f.cy]),
  ]);
  const four = g.op('Expand', [inside, g.constInt([1, scores.length, 256, 256])]);
  addOutputs(g, four, scores);
  return g.build();
}

/** An encoder with the samexporter contract whose embedding is the image's mean value everywhere. */
export function meanEncoder(): Uint8Array {
  const g = new GraphBuilder();
  g.input('input_image', ['h', 'w', 3]);
  const mean = g.op('ReduceMean', ['input_image'], { keepdims: 0 });
  const emb = g.op('Expand', [mean, g.constInt([1, 256, 64, 64])]);
  g.output('image_embeddings', [1, 256, 64, 64], emb);
  return g.build();
}

export interface TinyModelPaths {
  encoder: string;
  disc: string;
  box: string;
}

export function writeTinyModels(dir: string): TinyModelPaths {
  const paths = { encoder: join(dir, 'mean_encoder.onnx'), disc: join(dir, 'disc_decoder.onnx'), box: join(dir, 'box_decoder.onnx') };
  writeFileSync(paths.encoder, meanEncoder());
  writeFileSync(paths.disc, discDecoder());
  writeFileSync(paths.box, boxDecoder());
  return paths;
}

/**
 * An encoder whose embedding is the red channel, zero-padded to 1024² and average-pooled to 64²:
 * image content reaches the decoder, so orientation and padding mistakes move the mask.
 */
export function redEncoder(): Uint8Array {
  const g = new GraphBuilder();
  g.input('input_image', ['h', 'w', 3]);
  const chw = g.op('Unsqueeze', [g.op('Transpose', ['input_image'], { perm: [2, 0, 1] }), g.constInt([0])]);
  const shape = g.op('Shape', ['input_image']);
  const hw = g.op('Slice', [shape, g.constInt([0]), g.constInt([2])]);
  const padEnd = g.op('Sub', [g.constInt([1024, 1024]), hw]);
  const pads = g.op('Concat', [g.constInt([0, 0, 0, 0, 0, 0]), padEnd], { axis: 0 });
  const padded = g.op('Pad', [chw, pads]);
  const pooled = g.op('AveragePool', [padded], { kernel_shape: [16, 16], strides: [16, 16] });
  const red = g.op('Slice', [pooled, g.constInt([0]), g.constInt([1]), g.constInt([1])]);
  g.output('image_embeddings', [1, 256, 64, 64], g.op('Expand', [red, g.constInt([1, 256, 64, 64])]));
  return g.build();
}

/** Pairs with redEncoder: every candidate is "red > 128", upsampled 64² → 256² (nearest). */
export function redDecoder(): Uint8Array {
  const g = new GraphBuilder();
  for (const [name, dims] of DECODER_INPUTS) g.input(name, dims);
  const red = g.op('Slice', ['image_embeddings', g.constInt([0]), g.constInt([1]), g.constInt([1])]);
  const up = g.op('Resize', [red, '', g.constFloat([1, 1, 4, 4])]);
  const logits = g.op('Sub', [up, g.constFloat([128], [])]);
  const four = g.op('Expand', [logits, g.constInt([1, 4, 256, 256])]);
  addOutputs(g, four, [0.9, 0.8, 0.7, 0.6]);
  return g.build();
}
