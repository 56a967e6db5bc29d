import { Virtualizer } from '@tanstack/react-virtual';
import { RefObject, useLayoutEffect, useRef } from 'react';

type Key = number | string | bigint;

/**
 * Keeps the rows in view where they are when newer runs arrive on top of a list the user has
 * scrolled down: the list scrolls by the height the new rows add above (a virtualised list has
 * no browser scroll anchoring, its rows are placed by transforms). At the top of the list the
 * new runs show. `firstKey` is the key of the list's first row.
 */
export function useScrollAnchor(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scroller: RefObject<HTMLDivElement>,
  firstKey: Key | undefined,
) {
  /** The row at the top of the view, where it started, and the first row then. */
  const anchor = useRef<{ key: Key; start: number; firstKey?: Key }>();
  useLayoutEffect(() => {
    const element = scroller.current;
    const held = anchor.current;
    if (
      element &&
      held &&
      held.firstKey !== firstKey &&
      element.scrollTop > 0
    ) {
      const now = virtualizer.measurementsCache.find(i => i.key === held.key);
      if (now && now.start !== held.start)
        element.scrollTop += now.start - held.start;
    }
    const offset = element?.scrollTop ?? 0;
    const item =
      offset > 0 ? virtualizer.getVirtualItemForOffset(offset) : undefined;
    anchor.current = item
      ? { key: item.key, start: item.start, firstKey }
      : undefined;
  });
}
