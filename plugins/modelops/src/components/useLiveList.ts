import { useSignal } from '@backstage/plugin-signals-react';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { DependencyList, useEffect, useMemo } from 'react';
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
  const selector = useMemo(() => {
    try {
      return state.value ? parseLabelSelector(state.value.selector) : undefined;
    } catch {
      return undefined;
    }
  }, [state.value]);
  const { retry } = state;

  useEffect(() => {
    if (
      lastSignal &&
      selector &&
      matchesLabelSelector(selector, lastSignal.labels ?? {})
    )
      retry();
  }, [lastSignal, selector, retry]);

  const active = state.value ? options.isActive(state.value) : false;
  const { pollSeconds } = options;
  useEffect(() => {
    if (!active || isSignalsAvailable) return undefined;
    const timer = setInterval(retry, pollSeconds * 1000);
    return () => clearInterval(timer);
  }, [active, isSignalsAvailable, retry, pollSeconds]);

  return state;
}
