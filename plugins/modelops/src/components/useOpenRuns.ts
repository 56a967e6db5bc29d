import {
  isOpenedFailure,
  RunListItem,
} from '@private-ai/plugin-modelops-common';
import { useCallback, useEffect, useState } from 'react';
import { RunDetailCache } from './RunDetailCache';

/** Longest wait for those details: a backend that does not answer must not hide the list. */
export const OPENED_DETAILS_WAIT_MS = 3000;

const keyOf = (run: RunListItem) =>
  `${run.cluster}/${run.namespace}/${run.name}`;

const newestFailure = (items: RunListItem[]) => items.find(isOpenedFailure);

/**
 * Which runs of a runs tab are open. The newest failure of the first load opens by itself, and
 * the list is `ready` only once its details are here (carried by the first page, or fetched): they are hundreds of pixels high, and
 * arriving after the rows they would push the run under the user's pointer down (in a
 * virtualised list, out of the mounted rows). That run stays the one opened by itself when later
 * reloads bring newer failures: an open run never closes under the user. Runs the user opened
 * or closed stay so while they are scrolled away (and unmounted).
 */
export function useOpenRuns(
  scope: string,
  items: RunListItem[] | undefined,
  details: RunDetailCache,
) {
  const [state, setState] = useState<{
    scope: string;
    /** The run opened by itself (undefined: none failed), and whether its details are here. */
    auto?: { key: string; settled: boolean };
    toggled: Map<string, boolean>;
  }>();
  const current = state?.scope === scope ? state : undefined;

  useEffect(() => {
    if (!items || current) return;
    const run = newestFailure(items);
    const key = run && keyOf(run);
    // Usually here already: the first page carries them.
    const here = Boolean(run && details.peek(run));
    setState({
      scope,
      auto: key ? { key, settled: here } : undefined,
      toggled: new Map(),
    });
    if (!run || !key || here) return;
    const settle = () =>
      setState(s =>
        s?.scope === scope && s.auto?.key === key
          ? { ...s, auto: { key, settled: true } }
          : s,
      );
    // A failed fetch shows in the run's row (RunDetails asks again).
    details.load(run).then(settle, settle);
    setTimeout(settle, OPENED_DETAILS_WAIT_MS);
  }, [items, current, scope, details]);

  const isOpen = useCallback(
    (run: RunListItem) => {
      const key = keyOf(run);
      return current?.toggled.get(key) ?? current?.auto?.key === key;
    },
    [current],
  );
  const setOpen = useCallback(
    (run: RunListItem, open: boolean) =>
      setState(s =>
        s?.scope === scope
          ? { ...s, toggled: new Map(s.toggled).set(keyOf(run), open) }
          : s,
      ),
    [scope],
  );
  return {
    /** The list can be shown: what opens by itself has its details. */
    ready: Boolean(current && (!current.auto || current.auto.settled)),
    isOpen,
    setOpen,
  };
}
