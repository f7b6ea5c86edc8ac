import onnxProto from 'onnx-proto';
import { SamlabelError } from '../../shared/errors.js';

const { onnx } = onnxProto;

export interface GraphSignature {
  readonly inputs: string[];
  readonly outputs: string[];
  /** Declared dims per output; symbolic dims are null. */
  readonly outputDims: Record<string, Array<number | null>>;
}

export function decodeModel(bytes: Uint8Array, label: string): onnxProto.onnx.ModelProto {
  try {
    const model = onnx.ModelProto.decode(bytes);
    if (!model.graph || (model.graph.node ?? []).length === 0) throw new Error('no graph');
    return model;
  } catch (err) {
    throw new SamlabelError('ModelInvalid', `${label} is not a readable ONNX model (${(err as Error).message})`);
  }
}

export function graphSignature(model: onnxProto.onnx.ModelProto): GraphSignature {
  const graph = model.graph as onnxProto.onnx.GraphProto;
  const initializers = new Set(graph.initializer.map((t) => t.name));
  const outputDims: Record<string, Array<number | null>> = {};
  for (const out of graph.output) {
    const dims = out.type?.tensorType?.shape?.dim ?? [];
    outputDims[out.name ?? ''] = dims.map((d) => (d.dimValue != null && Number(d.dimValue) > 0 ? Number(d.dimValue) : null));
  }
  return {
    inputs: graph.input.map((i) => i.name ?? '').filter((n) => !initializers.has(n)),
    outputs: graph.output.map((o) => o.name ?? ''),
    outputDims,
  };
}

/**
 * Drops graph outputs not in `keep` and every node that only fed them. onnxruntime still executes nodes
 * whose outputs are not requested, so SAM's full-resolution `masks` (1×4×H×W floats, ~190 MB at 12 MP)
 * would be computed on every click unless the graph itself loses it.
 */
export function pruneOutputs(model: onnxProto.onnx.ModelProto, keep: readonly string[]): Uint8Array {
  const graph = model.graph as onnxProto.onnx.GraphProto;
  graph.output = graph.output.filter((o) => keep.includes(o.name ?? ''));
  const needed = new Set<string>(keep);
  const kept: onnxProto.onnx.INodeProto[] = [];
  for (let i = graph.node.length - 1; i >= 0; i--) {
    const node = graph.node[i];
    if (!(node.output ?? []).some((o) => needed.has(o))) continue;
    kept.push(node);
    for (const input of node.input ?? []) needed.add(input);
  }
  graph.node = kept.reverse() as onnxProto.onnx.NodeProto[];
  graph.initializer = graph.initializer.filter((t) => needed.has(t.name ?? ''));
  return onnx.ModelProto.encode(model).finish();
}
