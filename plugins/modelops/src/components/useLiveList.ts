import { useSignal } from '@backstage/plugin-signals-react';
import { DependencyList, useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * Fewest milliseconds between two reloads caused by change notices. Notices arrive at most a
 * few times a second (the backend gathers a collection's changes into one), so a change shows
 * within this bound plus one request, and a busy cluster costs each open page one list request
 * a second at most.
 */
export const LIVE_RELOAD_MIN_INTERVAL_MS = 1000;

/**
 * A list the backend selects for the caller, reloaded when the backend signals that something
 * changed (live progress), or polled while `isActive` says something is still moving and signals
 * are not installed.
 *
 * A notice says only that something changed, never what (signals reach every signed-in user),
 * so the page re-reads its first page through the list route, which answers only what the
 * caller may see. Notices are coalesced: one reload at once, then at most one per
 * {@link LIVE_RELOAD_MIN_INTERVAL_MS}, however many notices arrive.
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
  const { lastSignal, isSignalsAvailable } = useSignal(options.channel);
  const { retry } = state;
  const retryRef = useRef(retry);
  retryRef.current = retry;
  const lastReload = useRef(0);
  const scheduled = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!lastSignal || scheduled.current) return;
    const wait = Math.max(
      0,
      lastReload.current + LIVE_RELOAD_MIN_INTERVAL_MS - Date.now(),
    );
    scheduled.current = setTimeout(() => {
      scheduled.current = undefined;
      lastReload.current = Date.now();
      retryRef.current();
    }, wait);
  }, [lastSignal]);
  useEffect(() => () => clearTimeout(scheduled.current), []);

  const active = state.value ? options.isActive(state.value) : false;
  const { pollSeconds } = options;
  useEffect(() => {
    if (!active || isSignalsAvailable) return undefined;
    const timer = setInterval(retry, pollSeconds * 1000);
    return () => clearInterval(timer);
  }, [active, isSignalsAvailable, retry, pollSeconds]);

  return state;
}
