/**
 * The items of an async iterable, asking for the next one while the caller works on the
 * current one: a list's next page is on the wire while this page is summarized and written.
 * At most two items are held. An error of the read ahead surfaces when the caller gets to it.
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // A read-ahead that fails while the caller is busy must not count as unhandled.
  next.catch(() => {});
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      next.catch(() => {});
      yield result.value;
    }
  } finally {
    // The caller stopped early (or failed): let the source release what it holds.
    await iterator.return?.();
  }
}
