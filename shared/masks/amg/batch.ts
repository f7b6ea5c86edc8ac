/** utils/amg.py batch_iterator for one sequence: consecutive slices of batchSize, the last one shorter. */
export function* batchIterator<T>(batchSize: number, items: readonly T[]): Generator<T[]> {
  const nBatches = Math.floor(items.length / batchSize) + (items.length % batchSize !== 0 ? 1 : 0);
  for (let b = 0; b < nBatches; b++) yield items.slice(b * batchSize, (b + 1) * batchSize);
}
