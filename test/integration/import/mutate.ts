import fc from 'fast-check';

/**
 * Mutations for the importer property test: start from a valid document and change values, types and sizes in
 * the ways broken or hostile files do (nulls, wrong types, huge and negative numbers, deep or long arrays, removed
 * keys, repeated entries). A mutation addresses a node by its index in a depth-first walk, modulo the node count.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, '', 'x', '\u0000\u001b[31m', -1, 0, 0.5, 1.4e7, -4e7, 2e9, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 65536, [], {}, [[]], [0], { size: [1, 1], counts: 'zz' }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 12 }),
);

export type Mutation = { kind: 'set' | 'delete' | 'duplicate'; at: number; value: unknown };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'set', 'delete', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  at: fc.nat(),
  value: hostileValue,
});

type Container = Record<string, unknown> | unknown[];

function nodes(value: unknown, out: Array<{ parent: Container; key: string | number }> = []): Array<{ parent: Container; key: string | number }> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      nodes(v, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      nodes(v, out);
    }
  }
  return out;
}

/** A mutated deep copy of `doc`. */
export function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(doc);
  for (const m of mutations) {
    const all = nodes(copy);
    if (all.length === 0) break;
    const { parent, key } = all[m.at % all.length];
    if (m.kind === 'set') (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
  }
  return copy;
}

/** Text damage: a cut, a BOM, a stray byte. */
export const textDamageArb = fc.record({ cut: fc.option(fc.nat(), { freq: 4 }), bom: fc.boolean() });

export function damageText(text: string, d: { cut: number | null; bom: boolean }): string {
  const cut = d.cut === null ? text : text.slice(0, d.cut % (text.length + 1));
  return d.bom ? `\ufeff${cut}` : cut;
}

/** Byte damage for binary files: flipped bytes at positions (modulo length), an optional truncation. */
export const bytesDamageArb = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  cut: fc.option(fc.nat(), { freq: 5 }),
});

export function damageBytes(bytes: Uint8Array, d: { flips: Array<[number, number]>; cut: number | null }): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const [at, v] of d.flips) out[at % out.length] = v;
  return d.cut === null ? out : out.subarray(0, d.cut % (out.length + 1));
}
