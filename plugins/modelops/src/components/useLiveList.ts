import { useSignal } from '@backstage/plugin-signals-react';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { DependencyList, useEffect, useMemo, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * A list the backend selects by label selector, reloaded when the backend signals a change to an
 * object the selector matches (live progress), or polled while `isActive` says something is still
 * moving and signals are not installed.
 */
export function useLiveList<
  T extends { selector: string; items: unknown[] },
>(options: {
  load: () => Promise<T>;
  deps: DependencyList;
  channel: string;
  isActive: (list: T) => boolean;
  pollSeconds: number;
}) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(options.load, options.deps);
  const { lastSignal, isSignalsAvailable } = useSignal<
    { labels?: Record<string, string> } & { [k: string]: any }
  >(options.channel);
  // Keyed by the selector's text, not the list: a new list object must not count as a new
  // selector, or the effect below would reload again after every reload a signal caused.
  const selectorText = state.value?.selector;
  const selector = useMemo(() => {
    try {
      return selectorText !== undefined
        ? parseLabelSelector(selectorText)
        : undefined;
    } catch {
      return undefined;
    }
  }, [selectorText]);
  const { retry, loading } = state;

  // One reload per matching signal. The effect runs on a new signal only: `retry` changes
  // identity whenever loading starts or ends, and reacting to that would reload forever. A
  // signal that arrives during a load (when retry is a no-op) reloads once that load is done.
  const latest = useRef({ selector, retry, loading });
  latest.current = { selector, retry, loading };
  const pending = useRef(false);
  useEffect(() => {
    const now = latest.current;
    if (
      !lastSignal ||
      !now.selector ||
      !matchesLabelSelector(now.selector, lastSignal.labels ?? {})
    )
      return;
    if (now.loading) pending.current = true;
    else now.retry();
  }, [lastSignal]);
  useEffect(() => {
    if (loading || !pending.current) return;
    pending.current = false;
    retry();
  }, [loading, retry]);

  const active = state.value ? options.isActive(state.value) : false;
  const { pollSeconds } = options;
  useEffect(() => {
    if (!active || isSignalsAvailable) return undefined;
    const timer = setInterval(retry, pollSeconds * 1000);
    return () => clearInterval(timer);
  }, [active, isSignalsAvailable, retry, pollSeconds]);

  return state;
}
