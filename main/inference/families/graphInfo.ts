import onnxProto from 'onnx-proto';
import type { GraphInfo, TensorInfo } from './family.js';

const { onnx } = onnxProto;

const DTYPES: Record<number, string> = {
  [onnx.TensorProto.DataType.FLOAT]: 'float32',
  [onnx.TensorProto.DataType.UINT8]: 'uint8',
  [onnx.TensorProto.DataType.INT32]: 'int32',
  [onnx.TensorProto.DataType.INT64]: 'int64',
  [onnx.TensorProto.DataType.FLOAT16]: 'float16',
  [onnx.TensorProto.DataType.DOUBLE]: 'float64',
};

function tensorInfo(v: onnxProto.onnx.IValueInfoProto): TensorInfo {
  const type = v.type?.tensorType;
  const dims = (type?.shape?.dim ?? []).map((d) => (d.dimValue != null && Number(d.dimValue) > 0 ? Number(d.dimValue) : null));
  return { name: v.name ?? '', dtype: DTYPES[type?.elemType ?? 0] ?? `type${type?.elemType ?? '?'}`, dims };
}

/** Names, dtypes and declared shapes of a graph's real inputs (initializers excluded) and outputs. */
export function graphInfo(model: onnxProto.onnx.IModelProto): GraphInfo {
  const graph = model.graph ?? {};
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((i) => !initializers.has(i.name ?? '')).map(tensorInfo),
    outputs: (graph.output ?? []).map(tensorInfo),
  };
}

export function describeTensors(list: readonly TensorInfo[]): string {
  return list.map((t) => `${t.name} ${t.dtype}[${t.dims.map((d) => d ?? '?').join(',')}]`).join(', ');
}
