import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  MODELOPS_RUNS_SIGNAL_CHANNEL,
  matchesLabelSelector,
  parseLabelSelector,
  RunChangedSignal,
} from '@private-ai/plugin-modelops-common';
import { useEffect, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelopsApiRef } from '../api/ModelOpsApi';

/** Seconds between refreshes while a run is running, when signals are not available. */
const POLL_SECONDS = 10;

/**
 * The runs of the current entity, refreshed when the backend signals a change to one of
 * them (live progress), or polled while a run is running if signals are unavailable.
 */
export function useRuns(limit = 50) {
  const api = useApi(modelopsApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.listRuns(entityRef, { limit }), [entityRef, limit]);
  const { lastSignal, isSignalsAvailable } = useSignal<RunChangedSignal & { [k: string]: any }>(MODELOPS_RUNS_SIGNAL_CHANNEL);
  const selector = useMemo(() => {
    try {
      return state.value ? parseLabelSelector(state.value.selector) : undefined;
    } catch {
      return undefined;
    }
  }, [state.value]);
  const { retry } = state;

  useEffect(() => {
    if (lastSignal && selector && matchesLabelSelector(selector, lastSignal.labels)) retry();
  }, [lastSignal, selector, retry]);

  const running = state.value?.items.some(r => r.status === 'Running' || r.status === 'Pending');
  useEffect(() => {
    if (!running || isSignalsAvailable) return undefined;
    const timer = setInterval(retry, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [running, isSignalsAvailable, retry]);

  return state;
}
