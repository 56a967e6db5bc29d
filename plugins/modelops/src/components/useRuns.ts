import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MODELOPS_RUNS_SIGNAL_CHANNEL } from '@private-ai/plugin-modelops-common';
import { modelopsApiRef } from '../api/ModelOpsApi';
import { useLiveList } from './useLiveList';

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
  return useLiveList({
    load: () => api.listRuns(entityRef, { limit }),
    deps: [entityRef, limit],
    channel: MODELOPS_RUNS_SIGNAL_CHANNEL,
    isActive: list =>
      list.items.some(r => r.status === 'Running' || r.status === 'Pending'),
    pollSeconds: POLL_SECONDS,
  });
}
