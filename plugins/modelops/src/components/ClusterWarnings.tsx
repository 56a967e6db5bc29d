import { WarningPanel } from '@backstage/core-components';
import { ClusterReadStatus } from '@private-ai/plugin-modelops-common';
import { formatAgo } from './format';

/** Says, per cluster, what could not be read; the runs shown are what the history has. */
export const ClusterWarnings = ({
  clusters,
}: {
  clusters: ClusterReadStatus[];
}) => (
  <>
    {clusters
      .filter(c => c.state !== 'ok')
      .map(c => (
        <WarningPanel
          key={c.cluster}
          severity={c.state === 'error' ? 'error' : 'info'}
          title={
            c.state === 'error'
              ? `Cluster ${
                  c.cluster
                } could not be read (last success ${formatAgo(
                  c.lastSuccessAt,
                )}); its runs below may be out of date`
              : `Cluster ${c.cluster} has not been read yet`
          }
          message={c.message}
        />
      ))}
  </>
);
