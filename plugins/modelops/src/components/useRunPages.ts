import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RunListItem } from '@private-ai/plugin-modelops-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { modelopsApiRef } from '../api/ModelOpsApi';
import { useRuns } from './useRuns';

const keyOf = (run: RunListItem) =>
  `${run.cluster}/${run.namespace}/${run.name}`;

/** Runs loaded beyond the live first page, for one entity. */
interface Older {
  entityRef: string;
  /** Newest first; may repeat runs of the first page (those are shown from the first page). */
  items: RunListItem[];
  /** Where the next page starts: undefined = after the first page, null = no more runs. */
  cursor?: string | null;
  loading: boolean;
  error?: Error;
}

const empty = (entityRef: string): Older => ({
  entityRef,
  items: [],
  loading: false,
});

/** Appends runs not already in the list, keeping its order. */
function appendNew(list: RunListItem[], more: RunListItem[]): RunListItem[] {
  const seen = new Set(list.map(keyOf));
  return [...list, ...more.filter(r => !seen.has(keyOf(r)))];
}

/**
 * Every run of the current entity, newest first, page by page: the first page is live (reloaded
 * when the backend signals a change, see {@link useRuns}); `loadMore` fetches the page after the
 * last one loaded with its cursor, never from the start. A run that a refresh of the first page
 * pushes out of it stays in the list (as last seen) instead of disappearing until it is paged in.
 */
export function useRunPages(pageSize: number) {
  const api = useApi(modelopsApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const first = useRuns(pageSize);
  const [older, setOlder] = useState<Older>(() => empty(entityRef));
  const current = older.entityRef === entityRef ? older : empty(entityRef);

  // When the first page is replaced, keep the runs it had (a newer run may have pushed them out).
  const previousFirst = useRef(first.value);
  useEffect(() => {
    const previous = previousFirst.current;
    previousFirst.current = first.value;
    if (!previous || previous === first.value) return;
    setOlder(o =>
      o.entityRef === entityRef
        ? { ...o, items: appendNew(previous.items, o.items) }
        : o,
    );
  }, [first.value, entityRef]);

  const firstItems = first.value?.items;
  const items = useMemo(() => {
    if (!firstItems) return [];
    return appendNew(firstItems, current.items);
  }, [firstItems, current.items]);

  const nextCursor =
    current.cursor === undefined ? first.value?.nextCursor : current.cursor;
  const hasMore = Boolean(nextCursor);
  const inFlight = useRef<string | undefined>(undefined);

  const loadMore = useCallback(() => {
    if (!nextCursor || inFlight.current === nextCursor) return;
    inFlight.current = nextCursor;
    setOlder(o => ({
      ...(o.entityRef === entityRef ? o : empty(entityRef)),
      loading: true,
      error: undefined,
    }));
    api.listRuns(entityRef, { limit: pageSize, cursor: nextCursor }).then(
      page =>
        setOlder(o =>
          o.entityRef === entityRef
            ? {
                entityRef,
                items: appendNew(o.items, page.items),
                cursor: page.nextCursor ?? null,
                loading: false,
              }
            : o,
        ),
      (error: Error) => {
        inFlight.current = undefined;
        setOlder(o =>
          o.entityRef === entityRef ? { ...o, loading: false, error } : o,
        );
      },
    );
  }, [api, entityRef, pageSize, nextCursor]);

  return {
    /** The first page's answer (selector, count, clusters), undefined until it loads. */
    first: first.value,
    loading: first.loading,
    error: first.error,
    /** Reloads the first page (after a re-run or cancel). */
    retry: first.retry,
    items,
    hasMore,
    loadingMore: current.loading,
    loadMoreError: current.error,
    loadMore,
  };
}
