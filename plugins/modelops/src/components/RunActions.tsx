import { stringifyEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useAsyncEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button } from '@material-ui/core';
import {
  isFinalStatus,
  modelopsPipelineRunCancelPermission,
  modelopsPipelineRunRerunPermission,
  RunListItem,
} from '@private-ai/plugin-modelops-common';
import { useState } from 'react';
import { modelopsApiRef } from '../api/ModelOpsApi';

/**
 * Re-run and cancel, shown only to users the permission policy allows on the page's entity (the
 * backend decides again on the run's own entity, e.g. its model).
 */
export const RunActions = ({
  run,
  onChanged,
}: {
  run: Pick<
    RunListItem,
    'cluster' | 'namespace' | 'name' | 'status' | 'pruned'
  >;
  onChanged: () => void;
}) => {
  const api = useApi(modelopsApiRef);
  const alertApi = useApi(alertApiRef);
  const { entity } = useAsyncEntity();
  const resourceRef = entity ? stringifyEntityRef(entity) : undefined;
  const canRerun = usePermission({
    permission: modelopsPipelineRunRerunPermission,
    resourceRef,
  });
  const canCancel = usePermission({
    permission: modelopsPipelineRunCancelPermission,
    resourceRef,
  });
  const [busy, setBusy] = useState(false);
  const ref = {
    cluster: run.cluster,
    namespace: run.namespace,
    name: run.name,
  };

  const act = async (what: string, fn: () => Promise<string>) => {
    setBusy(true);
    try {
      alertApi.post({
        message: await fn(),
        severity: 'success',
        display: 'transient',
      });
      onChanged();
    } catch (error) {
      alertApi.post({
        message: `${what} failed: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {canRerun.allowed && isFinalStatus(run.status) && !run.pruned && (
        <Button
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={() =>
            act(
              'Re-run',
              async () =>
                `Started ${(await api.rerun(ref)).name}, a re-run of ${
                  run.name
                }`,
            )
          }
        >
          Re-run
        </Button>
      )}
      {canCancel.allowed && !isFinalStatus(run.status) && !run.pruned && (
        <Button
          size="small"
          variant="outlined"
          color="secondary"
          disabled={busy}
          onClick={() =>
            act('Cancel', async () => {
              await api.cancel(ref);
              return `Cancelling ${run.name}`;
            })
          }
        >
          Cancel run
        </Button>
      )}
    </>
  );
};
