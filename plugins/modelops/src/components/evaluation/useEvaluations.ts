import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { modelopsApiRef } from '../../api/ModelOpsApi';

/** The evaluation gate of every version of the current model (or of the current version's model). */
export function useEvaluations() {
  const api = useApi(modelopsApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getEvaluations(entityRef), [entityRef]);
}
