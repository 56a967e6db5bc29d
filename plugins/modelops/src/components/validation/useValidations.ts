import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MODELOPS_VALIDATIONS_SIGNAL_CHANNEL } from '@private-ai/plugin-modelops-common';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { useLiveList } from '../useLiveList';

const POLL_SECONDS = 15;
const ACTIVE = [
  'Initializing',
  'Building',
  'BuildComplete',
  'ValidationRunning',
];

/**
 * The NotebookValidationJobs of the current entity, refreshed when the backend signals a change
 * to one of them, or polled while jobs are active if signals are unavailable.
 */
export function useValidations() {
  const api = useApi(modelopsApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return useLiveList({
    load: () => api.listValidations(entityRef),
    deps: [entityRef],
    channel: MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
    isActive: list => list.items.some(j => ACTIVE.includes(j.phase)),
    pollSeconds: POLL_SECONDS,
  });
}
