/**
 * Maps over items with at most `limit` calls in flight, keeping the order of the results.
 * The first rejection rejects the whole map.
 * @public
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from(
      { length: Math.min(Math.max(1, limit), items.length) },
      async () => {
        while (next < items.length) {
          const index = next++;
          out[index] = await fn(items[index]);
        }
      },
    ),
  );
  return out;
}
