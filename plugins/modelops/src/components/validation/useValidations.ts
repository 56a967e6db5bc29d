import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import { matchesLabelSelector, MODELOPS_VALIDATIONS_SIGNAL_CHANNEL, parseLabelSelector } from '@private-ai/plugin-modelops-common';
import { useEffect, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelopsApiRef } from '../../api/ModelOpsApi';

const POLL_SECONDS = 15;
const ACTIVE = ['Initializing', 'Building', 'BuildComplete', 'ValidationRunning'];

/**
 * The NotebookValidationJobs of the current entity, refreshed when the backend signals a change
 * to one of them, or polled while jobs are active if signals are unavailable.
 */
export function useValidations() {
  const api = useApi(modelopsApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.listValidations(entityRef), [entityRef]);
  const { lastSignal, isSignalsAvailable } = useSignal<{ labels: Record<string, string> } & { [k: string]: any }>(MODELOPS_VALIDATIONS_SIGNAL_CHANNEL);
  const selector = useMemo(() => {
    try {
      return state.value ? parseLabelSelector(state.value.selector) : undefined;
    } catch {
      return undefined;
    }
  }, [state.value]);
  const { retry } = state;
  useEffect(() => {
    if (lastSignal && selector && matchesLabelSelector(selector, lastSignal.labels ?? {})) retry();
  }, [lastSignal, selector, retry]);
  const active = state.value?.items.some(j => ACTIVE.includes(j.phase));
  useEffect(() => {
    if (!active || isSignalsAvailable) return undefined;
    const timer = setInterval(retry, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [active, isSignalsAvailable, retry]);
  return state;
}
