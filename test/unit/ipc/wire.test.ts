import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/channelNames.js';
import { channels } from '../../../shared/ipc/contract.js';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire.js';

const utf8 = { encode: (s: string) => new TextEncoder().encode(s), decode: (b: Uint8Array) => new TextDecoder().decode(b) };

describe('wire codec (serve WebSocket frames)', () => {
  it('sends a message without typed arrays as JSON text', () => {
    const message = { id: 3, channel: 'app:version', request: { a: [1, 'é'] } };
    const frame = encodeWire(message, utf8);
    expect(typeof frame).toBe('string');
    expect(decodeWire(frame, utf8)).toEqual(message);
  });

  it('sends typed arrays as bytes in one binary frame, never as JSON numbers', () => {
    const logits = new Float32Array([1.5, -2.25, 3e-8, Number.MAX_VALUE]);
    const mask = new Uint8Array([0, 1, 1, 0, 1]);
    const message = { id: 1, result: { ok: true, value: { lowResLogits: logits, masks: [mask], n: 2 } } };
    const frame = encodeWire(message, utf8);
    expect(frame).toBeInstanceOf(Uint8Array);
    const bytes = frame as Uint8Array;
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    expect(utf8.decode(bytes.subarray(4, 4 + headerLength))).not.toContain('-2.25');
    const back = decodeWire(bytes, utf8) as typeof message;
    expect(back.result.value.lowResLogits).toBeInstanceOf(Float32Array);
    expect([...back.result.value.lowResLogits]).toEqual([...logits]);
    expect(back.result.value.masks[0]).toBeInstanceOf(Uint8Array);
    expect([...back.result.value.masks[0]]).toEqual([...mask]);
    expect(back.result.value.n).toBe(2);
  });

  it('round-trips any mix of JSON values and typed arrays (property)', () => {
    const leaf = fc.oneof(
      fc.float32Array({ noDefaultInfinity: true, noNaN: true }),
      fc.uint8Array(),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(decodeWire(encodeWire(value, utf8), utf8)).toEqual(value);
      }),
    );
  });

  it('a key named like a marker stays data', () => {
    const message = { attributes: { $bin: 0, path: ['x'] }, logits: new Float32Array([1]) };
    expect(decodeWire(encodeWire(message, utf8), utf8)).toEqual(message);
  });

  it('refuses frames whose descriptors point outside the frame or at non-placeholders', () => {
    const frame = encodeWire({ a: new Float32Array([1, 2]) }, utf8) as Uint8Array;
    expect(() => decodeWire(frame.subarray(0, frame.length - 4), utf8)).toThrow(/descriptor/);
    expect(() => decodeWire(new Uint8Array([255, 255, 255, 0, 1]), utf8)).toThrow(/overruns/);
    const forged = (header: unknown): Uint8Array => {
      const h = utf8.encode(JSON.stringify(header));
      const out = new Uint8Array(4 + h.length + 8);
      new DataView(out.buffer).setUint32(0, h.length, true);
      out.set(h, 4);
      return out;
    };
    expect(() => decodeWire(forged({ json: { a: 1 }, bins: [{ path: ['a'], type: 'Uint8Array', offset: 0, length: 1 }] }), utf8)).toThrow(/placeholder/);
    expect(() => decodeWire(forged({ json: {}, bins: [{ path: ['__proto__', 'x'], type: 'Uint8Array', offset: 0, length: 1 }] }), utf8)).toThrow();
  });
});

describe('channelNames', () => {
  it('lists every contract channel, in the contract order', () => {
    expect([...channelNames]).toEqual(channels);
  });
});
