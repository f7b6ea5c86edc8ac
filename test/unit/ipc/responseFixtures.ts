/**
 * Off-contract answers derived from fixtures.ts' valid responses, so every channel (and every future
 * one) gets them without a hand-written list: each top-level key corrupted in turn, an unknown key, each
 * typed array turned into a plain array (the JSON fallback a broken transport would produce), values
 * that are not objects, and envelopes that are not `{ok, …}`.
 */
import type { Channel } from '../../../shared/ipc/contract.js';
import { corruptEachKey, OFF_CONTRACT } from './eventFixtures.js';
import { fixtures } from './fixtures.js';

type Path = (string | number)[];

/** Paths of the Float32Array / Uint8Array values inside `value`. */
export function typedArrayPaths(value: unknown, path: Path = []): Path[] {
  if (value instanceof Float32Array || value instanceof Uint8Array) return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => typedArrayPaths(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

export function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** A copy of `value` with the node at `path` replaced (copies only along the path). */
function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[key] = replaced(copy[key], rest, by);
  return copy;
}

/** Values of a successful envelope that the channel's response schema must refuse. */
export function malformedValues(channel: Channel): unknown[] {
  const response: unknown = fixtures[channel].response;
  const values: unknown[] = [undefined, null, 42, 'x', [], OFF_CONTRACT];
  if (response !== null && typeof response === 'object' && !Array.isArray(response)) values.push(...corruptEachKey(response));
  for (const path of typedArrayPaths(response)) values.push(replaced(response, path, Array.from(at(response, path) as ArrayLike<number>)));
  return values;
}

/** Whatever the channel: answers that are not an `{ok, …}` envelope, or a failure without {code, message}. */
export const malformedEnvelopes: readonly unknown[] = [
  undefined,
  null,
  'ok',
  42,
  [],
  {},
  { value: 1 },
  { ok: 'true', value: 1 },
  { ok: false },
  { ok: false, error: 'boom' },
  { ok: false, error: { code: 'Internal' } },
  { ok: false, error: { code: 7, message: 'x' } },
];
