import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

type Dim = number | string;

/** A tiny ONNX graph builder for test models whose outputs are known by construction. */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly inits: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  input(name: string, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  output(name: string, dims: Dim[], from: string): void {
    this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, dims));
  }

  constFloat(values: number[], dims: number[] = [values.length]): string {
    const name = `c${this.counter++}`;
    this.inits.push({ name, dims, dataType: FLOAT, floatData: values });
    return name;
  }

  constInt(values: number[], dims: number[] = [values.length]): string {
    const name = `c${this.counter++}`;
    this.inits.push({ name, dims, dataType: INT64, int64Data: values });
    return name;
  }

  op(type: string, inputs: string[], attrs: Record<string, number | number[]> = {}, out?: string): string {
    const name = out ?? `t${this.counter++}`;
    const attribute = Object.entries(attrs).map(([key, v]) =>
      Array.isArray(v)
        ? { name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
        : { name: key, type: onnx.AttributeProto.AttributeType.INT, i: v },
    );
    this.nodes.push({ opType: type, input: inputs, output: [name], name: `n${this.counter++}`, attribute });
    return name;
  }

  build(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'samlabel-tests',
      graph: { name: 'g', node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim } } } };
}
