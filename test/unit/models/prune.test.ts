import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { familyById } from '../../../main/inference/families/index.js';
import { graphInfo } from '../../../main/inference/families/graphInfo.js';
import { decodeModel, pruneOutputs } from '../../../main/inference/onnxGraph.js';

const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'sam-random');

const resizes = (m: onnxProto.onnx.IModelProto): number => (m.graph?.node ?? []).filter((n) => n.opType === 'Resize').length;

/** What the engine loads: the family's two outputs kept, the full-size `masks` path (its Resize ops) gone. */
describe.each([
  ['sam_decoder_multi.onnx', 'sam1-hwc-preprocess-in-graph'],
  ['sam_decoder_single.onnx', 'sam1-hwc-preprocess-in-graph'],
  ['sam2_decoder_multi.onnx', 'sam2-samexporter'],
])('pruned %s', (file, familyId) => {
  it('keeps only the scores and low-res logits, and no full-size Resize', () => {
    const original = decodeModel(readFileSync(join(FIXTURES, file)), file);
    const before = resizes(original);
    const { iou, lowRes } = familyById(familyId).decoderOutputs(graphInfo(original));
    const pruned = onnxProto.onnx.ModelProto.decode(pruneOutputs(decodeModel(readFileSync(join(FIXTURES, file)), file), [iou, lowRes]));
    expect(graphInfo(pruned).outputs.map((o) => o.name)).toEqual(['iou_predictions', 'low_res_masks']);
    expect(before).toBeGreaterThan(0);
    // Every Resize of these graphs serves the full-size masks (low-res logits come straight from the decoder).
    expect(resizes(pruned)).toBe(0);
    // orig_im_size only sizes the full-resolution upsampling: nothing reading it may survive.
    const readsOrigSize = (m: onnxProto.onnx.IModelProto): number => (m.graph?.node ?? []).filter((n) => (n.input ?? []).includes('orig_im_size')).length;
    expect(readsOrigSize(original)).toBeGreaterThan(0);
    expect(readsOrigSize(pruned)).toBe(0);
    const outputsUsed = new Set((pruned.graph?.node ?? []).flatMap((n) => n.output ?? []));
    expect(outputsUsed.has('masks')).toBe(false);
    expect((pruned.graph?.node ?? []).length).toBeLessThan((original.graph?.node ?? []).length);
  });
});
