import { SamlabelError } from '../../../shared/errors.js';
import { mulberry32 } from '../../../shared/random.js';

/** Named fractions summing to 1, e.g. `train=0.8,val=0.2`. */
export interface SplitSpec {
  readonly parts: ReadonlyArray<{ readonly name: string; readonly fraction: number }>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Parses `train=0.8,val=0.2` (fractions or percentages summing to 1 or 100). */
export function parseSplitSpec(text: string): SplitSpec {
  const parts = text.split(',').map((item) => {
    const [name, value, extra] = item.split('=').map((s) => s.trim());
    const fraction = Number(value);
    if (extra !== undefined || !NAME.test(name ?? '') || !Number.isFinite(fraction) || fraction < 0) {
      throw new SamlabelError('BadInput', `bad split "${item}": expected name=fraction, e.g. train=0.8,val=0.2`);
    }
    return { name, fraction };
  });
  const names = new Set(parts.map((p) => p.name));
  if (names.size !== parts.length) throw new SamlabelError('BadInput', `split names repeat in "${text}"`);
  const sum = parts.reduce((s, p) => s + p.fraction, 0);
  const scale = Math.abs(sum - 100) < 1e-6 ? 100 : 1;
  if (Math.abs(sum - scale) > 1e-6) throw new SamlabelError('BadInput', `split fractions of "${text}" sum to ${sum}, not 1`);
  return { parts: parts.map((p) => ({ name: p.name, fraction: p.fraction / scale })) };
}

/** Split sizes by largest remainder, so they always add up to n and follow the fractions as closely as possible. */
export function splitSizes(n: number, fractions: readonly number[]): number[] {
  const exact = fractions.map((f) => f * n);
  const sizes = exact.map(Math.floor);
  let left = n - sizes.reduce((s, k) => s + k, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    sizes[i]++;
  }
  return sizes;
}

/** By path, code unit order (not locale): the same order on every machine and after a re-import renumbers ids. */
const byPath = (a: { readonly relPath: string }, b: { readonly relPath: string }): number =>
  a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0;

/**
 * Deterministic split: images ordered by path, Fisher–Yates shuffled with the seed, cut into consecutive slices,
 * each slice back in path order. Without a spec everything goes to one split named `train`.
 */
export function splitImages<T extends { readonly relPath: string }>(
  images: readonly T[],
  spec: SplitSpec | undefined,
  seed = 0,
): Array<{ name: string; images: T[] }> {
  const sorted = [...images].sort(byPath);
  if (spec === undefined) return [{ name: 'train', images: sorted }];
  const random = mulberry32(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  const sizes = splitSizes(sorted.length, spec.parts.map((p) => p.fraction));
  let start = 0;
  return spec.parts.map((p, k) => {
    const slice = sorted.slice(start, start + sizes[k]).sort(byPath);
    start += sizes[k];
    return { name: p.name, images: slice };
  });
}
